// The PeerJS server (`peer` 1.0.2) as its README starts it, on 127.0.0.1 only.
// Its client cap (5,000 by default) is raised so that it is not what a run measures.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { PeerServer } = require('peer');
const port = Number(process.argv[2]);

PeerServer({ port, host: '127.0.0.1', path: '/', key: 'peerjs', concurrent_limit: 50_000, allow_discovery: false });
process.on('SIGTERM', () => process.exit(0));
