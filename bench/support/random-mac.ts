import { randomBytes } from 'node:crypto';

/** A MAC address in Docker's 02:42 range, different for each container a benchmark makes up. */
export const randomMac = () => `02:42:${randomBytes(4).toString('hex').match(/../g)?.join(':')}`;
