import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { DOCS_CSP } from './docs-page';
import { OpenApiService } from './openapi.service';

/** The API describing itself: the OpenAPI document and a Swagger UI page over it, no token needed. */
@Controller()
export class OpenApiController {
  constructor(private readonly openApi: OpenApiService) {}

  @Public()
  @Get('openapi.json')
  document(): Record<string, unknown> {
    return this.openApi.document();
  }

  @Public()
  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Res({ passthrough: true }) response: Response): string {
    response.setHeader('Content-Security-Policy', DOCS_CSP);
    return this.openApi.page();
  }

  @Public()
  @Get('docs/:file')
  @Header('Cache-Control', 'public, max-age=3600')
  asset(@Param('file') file: string): StreamableFile {
    return this.openApi.asset(file);
  }
}
