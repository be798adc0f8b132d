// Docker's create and start refusals that are about one field of the create form, told as that
// field's message: a fixed address outside the subnet, an address taken, an unknown network, a
// port in use, cores the host lacks. Anything else stays a message for the form as a whole.
import type { FieldError } from '@/lib/errors/app-error';

export interface CreateFieldContext {
  readonly host: string;
  readonly network: string | null;
  readonly ipv4Address?: string | undefined;
}

interface Rule {
  readonly pattern: RegExp;
  readonly field: string;
  readonly message: (match: RegExpMatchArray, context: CreateFieldContext) => string;
}

const networkName = (context: CreateFieldContext) => context.network ?? 'the default bridge';

const RULES: readonly Rule[] = [
  // The project's IPAM sidecar speaks its CLI's language (--ip): said again in the form's.
  {
    pattern: /--ip (\S+) is outside the container ranges of (\S+) \(([^)]*)\)/i,
    field: 'ipv4Address',
    message: (match) => `${match[1]} is outside the container ranges of ${match[2]} (${match[3]}): pick an address inside them, or leave the field empty`,
  },
  {
    pattern: /(\d+\.\d+\.\d+\.\d+) is already in use \(([^)]*)\)/i,
    field: 'ipv4Address',
    message: (match) => `${match[1]} is already taken (${match[2]}): pick another one, or leave the field empty`,
  },
  {
    pattern: /Invalid address (\S+): It does not belong to any of this network's subnets/i,
    field: 'ipv4Address',
    message: (match, context) => `${match[1]} is outside the subnet of ${networkName(context)}: pick an address in its range`,
  },
  {
    pattern: /no configured subnet or ip-range contain the IP address (\S+)/i,
    field: 'ipv4Address',
    message: (match, context) => `${match[1]} is outside the subnet of ${networkName(context)}: pick an address in its range`,
  },
  {
    pattern: /(?:ip|address) (\S+)? ?(?:is )?(?:already (?:allocated|in use)|not available)|address already in use/i,
    field: 'ipv4Address',
    message: (_match, context) => `${context.ipv4Address ?? 'This address'} is already taken on ${networkName(context)}: pick another one or leave the field empty`,
  },
  {
    pattern: /not in (?:the )?(?:pool|range|subnet)|outside (?:of )?(?:the )?(?:pool|range|subnet)/i,
    field: 'ipv4Address',
    message: (_match, context) => `${context.ipv4Address ?? 'The address'} is not in the range of ${networkName(context)}: pick an address in its range`,
  },
  {
    pattern: /user specified IP address is supported only when connecting to networks with user configured subnets/i,
    field: 'ipv4Address',
    message: (_match, context) => `${networkName(context)} has no subnet of its own: a fixed address needs a network with one, such as the flat network`,
  },
  {
    pattern: /network (\S+) not found|no such network:? ?(\S+)?|could not find a network matching/i,
    field: 'network',
    message: (match, context) => `There is no network ${match[1] ?? match[2] ?? networkName(context)} on ${context.host}: check the name on the Networks page`,
  },
  {
    pattern: /Bind for \S+:(\d+) failed: port is already allocated|port is already allocated/i,
    field: 'ports',
    message: (match, context) => `${match[1] ? `Port ${match[1]}` : 'A published port'} is already used on ${context.host}: choose another host port`,
  },
  {
    pattern: /Requested CPUs are not available - requested (\S+), available: (\S+)/i,
    field: 'cpuset',
    message: (match, context) => `${context.host} has cores ${match[2]}; ${match[1]} asks for others`,
  },
];

/** The field Docker's message is about, with what to do, or null when it concerns the form as a whole. */
export function dockerFieldError(dockerMessage: string, context: CreateFieldContext): FieldError | null {
  for (const rule of RULES) {
    const match = dockerMessage.match(rule.pattern);
    if (match) return { path: rule.field, message: rule.message(match, context) };
  }
  return null;
}
