// A container request with --ip: exactly that address, or an error that says who holds it.
import { claimAddress, describeHolder } from './address-claim';
import { AddressOutOfPoolError, AddressTakenError } from './errors';
import { formatCidr, formatIpv4, requireIpv4 } from './ipv4';
import type { AllocationContext } from './pool-cache';
import type { PoolState } from './pool-state';
import { formatRange, rangeContains } from './ranges';

export async function allocateRequested(
  context: AllocationContext,
  state: PoolState,
  text: string,
  mac: string | undefined,
  nonce: string,
): Promise<number> {
  const address = requireIpv4(text.split('/')[0] ?? '', '--ip');
  if (!state.config.containerRanges.some((range) => rangeContains(range, address))) {
    await context.pools.refresh(state);
    if (!state.config.containerRanges.some((range) => rangeContains(range, address))) {
      const ranges = state.config.containerRanges.map(formatRange).join(', ');
      throw new AddressOutOfPoolError(
        `--ip ${formatIpv4(address)} is outside the container ranges of ${formatCidr(state.config.subnet)} (${ranges}): ` +
          'pick an address inside them, or omit --ip',
      );
    }
  }
  const outcome = await claimAddress(context, state, address, mac, nonce);
  if (outcome.kind === 'claimed' || (outcome.kind === 'mac-holds' && outcome.address === address)) {
    state.used.add(address);
    return address;
  }
  if (outcome.kind === 'mac-holds') {
    throw new AddressTakenError(
      `MAC ${mac ?? ''} already holds ${formatIpv4(outcome.address)} in ${formatCidr(state.config.subnet)}: ` +
        `release it first (shipyard-ipam release-ip --ip ${formatIpv4(outcome.address)})`,
    );
  }
  state.used.add(address);
  throw new AddressTakenError(`${formatIpv4(address)} is already in use (${describeHolder(outcome.record)}): choose another --ip, or omit --ip`);
}
