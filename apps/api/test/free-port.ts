import net from 'node:net';

/** A port nothing listens on right now (the OS picks it). Kept free of app imports: bench scripts load it outside jest. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
