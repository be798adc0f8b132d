// SecretSpec and ConfigSpec, the bodies of POST /secrets/create and /configs/create (and their
// updates, which may change only the labels). Open to a caller granted secrets:write (routes.ts).
import { adminOnly, allowed, mapOf, type Fields } from '../field-rules';

const DRIVER = 'a secrets or templating driver is a plugin, which runs with the host\'s privileges';

export const SECRET_SPEC_FIELDS: Fields = {
  Name: allowed(),
  Labels: mapOf(allowed()),
  Data: allowed(),
  Driver: adminOnly(DRIVER),
  Templating: adminOnly(DRIVER),
};

export const CONFIG_SPEC_FIELDS: Fields = {
  Name: allowed(),
  Labels: mapOf(allowed()),
  Data: allowed(),
  Templating: adminOnly(DRIVER),
};
