// A compose file converted to what a stack deploy makes: the networks to create (or find, when
// external) and one ServiceSpec per service, as `docker stack deploy` would (compose-service.ts).
import type { NetworkCreateOptions } from '@/lib/docker/engine-shapes';
import { readComposeDocument } from './compose-document';
import { ComposeFileError } from './compose-error';
import { type StackFileObject, fileObjectsOf } from './compose-file-objects';
import { type ComposeMap, booleanAt, isMap, labelsAt, mapAt, stringAt } from './compose-reader';
import { type ConvertedService, convertService, networkNameOf } from './compose-service';
import { stackNames } from './stack-names';

export interface StackPlan {
  readonly stack: string;
  readonly services: readonly ConvertedService[];
  /** Networks the stack creates (each labelled with the stack), by Docker name. */
  readonly networks: readonly NetworkCreateOptions[];
  /** Networks the file declares external: they must exist, swarm-scoped (the swarm flat network is one). */
  readonly externalNetworks: readonly string[];
  /** Top-level secrets and configs: the ones given by file are created with the stack. */
  readonly fileObjects: readonly StackFileObject[];
  /** Options ignored as the CLI ignores them, for the deploy's answer. */
  readonly ignored: readonly string[];
}

/** The driver of networks a stack creates, as the CLI's default. */
const DEFAULT_NETWORK_DRIVER = 'overlay';

function isExternal(network: ComposeMap, key: string): boolean {
  if (isMap(network.external)) return true;
  return booleanAt(network.external, `networks.${key}.external`) ?? false;
}

function networkCreateOf(key: string, declared: ComposeMap, name: string, labelled: (labels: Record<string, string>) => Record<string, string>): NetworkCreateOptions {
  const at = `networks.${key}`;
  const network = mapAt(declared[key], at);
  const ipam = mapAt(network.ipam, `${at}.ipam`);
  const ipamDriver = stringAt(ipam.driver, `${at}.ipam.driver`);
  const ipamConfig = Array.isArray(ipam.config) ? ipam.config.map((item, index) => ({ Subnet: stringAt(mapAt(item, `${at}.ipam.config[${index}]`).subnet, `${at}.ipam.config[${index}].subnet`) ?? '' })) : [];
  const options: NetworkCreateOptions = {
    Name: name,
    Driver: stringAt(network.driver, `${at}.driver`) || DEFAULT_NETWORK_DRIVER,
    Labels: labelled(labelsAt(network.labels, `${at}.labels`)),
  };
  if (network.driver_opts !== undefined) options.Options = labelsAt(network.driver_opts, `${at}.driver_opts`);
  if (booleanAt(network.internal, `${at}.internal`)) options.Internal = true;
  if (booleanAt(network.attachable, `${at}.attachable`)) options.Attachable = true;
  if (ipamDriver || ipamConfig.length > 0) options.IPAM = { Driver: ipamDriver ?? '', ...(ipamConfig.length > 0 ? { Config: ipamConfig } : {}) };
  return options;
}

/** Converts the file (and env file) for the stack `stack`; throws ComposeFileError naming the path at fault. */
export function planStack(stack: string, composeText: string, envText?: string): StackPlan {
  const document = readComposeDocument(composeText, envText);
  const names = stackNames(stack);
  const secrets = fileObjectsOf('secrets', document.secrets, names);
  const configs = fileObjectsOf('configs', document.configs, names);
  const context = { names, networks: document.networks, volumes: document.volumes, vars: document.vars, secrets, configs };
  const services = Object.entries(document.services).map(([key, value]) => convertService(key, value, context));
  // Only the networks some service uses are made, "default" when a service names none (as the CLI).
  const used = new Set<string>();
  for (const [key, value] of Object.entries(document.services)) {
    const networks = mapAt(value, `services.${key}`).networks;
    const listed = Array.isArray(networks) ? networks.map((item) => String(item)) : Object.keys(mapAt(networks, `services.${key}.networks`));
    for (const name of listed.length > 0 ? listed : ['default']) used.add(name);
  }
  const networks: NetworkCreateOptions[] = [];
  const externalNetworks: string[] = [];
  for (const key of [...used].sort()) {
    const declared = mapAt(document.networks[key], `networks.${key}`);
    const name = networkNameOf(key, document.networks, names);
    if (isExternal(declared, key)) {
      if (key === 'default' && !document.networks.default) throw new ComposeFileError('networks.default', 'the default network cannot be external without a name');
      externalNetworks.push(name);
    } else {
      networks.push(networkCreateOf(key, document.networks, name, names.labelled));
    }
  }
  return { stack, services, networks, externalNetworks, fileObjects: [...secrets, ...configs], ignored: services.flatMap((service) => service.ignored) };
}
