import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';

type TrustFn = (address: string, hop: number) => boolean;

/**
 * The client address of a raw request (a socket's handshake request) by exactly the rule REST
 * uses for req.ip: the TCP peer, and behind the proxies TRUST_PROXY names, the nearest address
 * in X-Forwarded-For that is not one of them. The header's other entries are the client's own
 * words and are never believed.
 */
@Injectable()
export class ClientAddressService {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  of(request: IncomingMessage): string | undefined {
    const peer = request.socket?.remoteAddress;
    const instance = this.adapterHost.httpAdapter?.getInstance<{ get?: (name: string) => unknown }>();
    const trust = instance?.get?.('trust proxy fn') as TrustFn | undefined;
    if (!peer || !trust) return peer;
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .reverse();
    const hops = [peer, ...forwarded];
    for (let hop = 0; hop < hops.length - 1; hop++) if (!trust(hops[hop]!, hop)) return hops[hop];
    return hops[hops.length - 1];
  }
}
