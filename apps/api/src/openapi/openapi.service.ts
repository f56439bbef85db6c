import { Injectable, StreamableFile } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { ApiError } from '../common/api-error';
import { DOCS_ASSETS, DOCS_HTML } from './docs-page';
import { buildOpenApiDocument } from './openapi-document';

@Injectable()
export class OpenApiService {
  private cached: Record<string, unknown> | undefined;

  /** Built once, on first request: the registry and the contracts do not change while the process runs. */
  document(): Record<string, unknown> {
    this.cached ??= buildOpenApiDocument();
    return this.cached;
  }

  page(): string {
    return DOCS_HTML;
  }

  asset(name: string): StreamableFile {
    const asset = Object.hasOwn(DOCS_ASSETS, name) ? DOCS_ASSETS[name] : undefined;
    if (!asset) throw ApiError.notFound('There is no such file of the documentation page.');
    if ('file' in asset) return new StreamableFile(createReadStream(asset.file), { type: asset.type });
    return new StreamableFile(Buffer.from(asset.text), { type: asset.type });
  }
}
