// Where this machine can be reached: what `npm start` prints, and what its certificate covers.
import os from 'node:os';

// Interfaces that are not the network a phone is on: container bridges, VM bridges, tunnels.
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|podman|lxc|lxd)/;

/**
 * This machine's IPv4 addresses on its networks (not loopback), the ones on real interfaces
 * first. IPv6 addresses are left out: their temporary (privacy) forms change by the hour, which
 * would mean a new certificate, accepted again on every phone, just as often.
 */
export function lanAddresses(interfaces = os.networkInterfaces()) {
  const real = [];
  const virtual = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal || entry.family !== 'IPv4' || entry.address.startsWith('169.254.')) continue;
      (VIRTUAL_INTERFACE.test(name) ? virtual : real).push(entry.address);
    }
  }
  return [...new Set([...real, ...virtual])];
}

/** The host names this machine answers to here: always `localhost`, then its own name. */
export function machineNames(hostname = os.hostname()) {
  const names = ['localhost'];
  if (hostname && hostname !== 'localhost') names.push(hostname.toLowerCase());
  return names;
}

/** A host as it goes into a URL: IPv6 addresses in brackets. */
function urlHost(host) {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Every address the app can be opened at, with a word on each: this machine (localhost,
 * 127.0.0.1, its name) and the other devices on its networks (each LAN address).
 */
export function appAddresses({ secure, port, hostname = os.hostname(), lan = lanAddresses() }) {
  const origin = (host) => `${secure ? 'https' : 'http'}://${urlHost(host)}:${port}`;
  const [, ...name] = machineNames(hostname);
  return [
    { url: origin('localhost'), note: 'this computer' },
    { url: origin('127.0.0.1'), note: 'this computer' },
    ...name.map((host) => ({ url: origin(host), note: 'this computer’s name' })),
    ...lan.map((address) => ({ url: origin(address), note: 'other devices on this network', lan: true })),
  ];
}
