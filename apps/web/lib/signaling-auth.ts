/** Socket.IO's `auth` option as a function: asked again before every connection attempt. */
export type SocketAuth = (callback: (data: { token: string }) => void) => void;

/**
 * The signaling socket's handshake auth: a fresh short-lived ticket for every connect and
 * reconnect (a ticket lasts minutes, a call may last an hour). When no ticket can be had, the
 * handshake goes out with an empty one (after a few tries) and the server's refusal shows up as `connect_error`.
 */
export function ticketAuth(fetchTicket: () => Promise<string>, attempts = 3, pauseMs = 1000): SocketAuth {
  return (callback) => {
    const attempt = (left: number) => {
      fetchTicket().then(
        (ticket) => callback({ token: ticket }),
        // A passing failure (a restarting server) should not end the call; a signed-out session
        // has already left the page (api-client), so the retries go nowhere then.
        () => (left > 1 ? setTimeout(() => attempt(left - 1), pauseMs) : callback({ token: '' })),
      );
    };
    attempt(attempts);
  };
}
