import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MAX_SIGNALING_MESSAGE_BYTES, PLAIN_SIGNALING_PATH, PLAIN_SIGNALING_TOKEN_PROTOCOL } from '@telehealth/contracts';
import WebSocket, { WebSocketServer } from 'ws';
import { SignalingNamespace } from '../signaling/signaling-namespace';
import { PlainConnection, PlainConnectionRequest } from './plain-connection';

/** A client that answers no ping for this long is gone (a dead network, not a closed socket). */
const PING_INTERVAL_MS = 25_000;

/**
 * The plain WebSocket `GET /ws?room_id=…&client_id=…` on the API's own HTTP server, beside
 * Socket.IO's `/socket.io/`. Each connection becomes a PlainConnection: a socket of the
 * `/signaling` namespace (see BridgedEngineConnection), so both transports share one room engine.
 */
@Injectable()
export class PlainSignalingServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PlainSignaling');
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SIGNALING_MESSAGE_BYTES,
    // The token travels as the second offered subprotocol; the answer names only the marker.
    handleProtocols: (protocols) => (protocols.has(PLAIN_SIGNALING_TOKEN_PROTOCOL) ? PLAIN_SIGNALING_TOKEN_PROTOCOL : false),
  });
  private readonly alive = new WeakSet<WebSocket>();
  private httpServer: HttpServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly signaling: SignalingNamespace,
  ) {}

  onApplicationBootstrap(): void {
    this.httpServer = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    this.httpServer.on('upgrade', this.onUpgrade);
    this.heartbeat = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    this.httpServer?.off('upgrade', this.onUpgrade);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  /** Takes the upgrades of PLAIN_SIGNALING_PATH; every other path is Socket.IO's (or nobody's). */
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== PLAIN_SIGNALING_PATH) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request, url));
  };

  private accept(ws: WebSocket, request: IncomingMessage, url: URL): void {
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    const wanted: PlainConnectionRequest = {
      roomId: url.searchParams.get('room_id') ?? '',
      clientId: url.searchParams.get('client_id') ?? undefined,
      token: tokenOf(request, url),
      request,
    };
    const namespace = this.signaling.peek();
    if (!namespace) {
      ws.close(1013, 'try again later');
      return;
    }
    if (!wanted.roomId) {
      ws.send(
        JSON.stringify({ type: 'error', from: 'server', room_id: '', error: 'room_id: required.', code: 400, reason: 'validation_failed' }),
      );
      ws.close(4400, 'validation_failed');
      return;
    }
    new PlainConnection(ws, namespace.server, wanted).start();
  }

  /** Pings every client; one that did not answer the previous ping is closed (its seat keeps the grace). */
  private ping(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        this.logger.log('closing a plain WebSocket that stopped answering pings');
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}

/** The access token: the subprotocol offered beside `access_token`, or the `access_token` query parameter. */
function tokenOf(request: IncomingMessage, url: URL): string | undefined {
  const offered = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
  const fromProtocol = offered.includes(PLAIN_SIGNALING_TOKEN_PROTOCOL)
    ? offered.find((protocol) => protocol !== PLAIN_SIGNALING_TOKEN_PROTOCOL)
    : undefined;
  return fromProtocol ?? url.searchParams.get('access_token') ?? undefined;
}
