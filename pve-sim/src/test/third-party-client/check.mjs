// Drives the PVE simulator with cv4pve-api-javascript, a third-party client generated from Proxmox's API
// documentation, and prints one JSON line per observation for SimulatorThirdPartyClientTest to judge.
// Environment: PVE_HOST, PVE_PORT, PVE_USER, PVE_PASSWORD, PVE_TOKEN (USER@REALM!ID=SECRET), PVE_STOPPED_VMID,
// PVE_NODE, PVE_STOPPED_VMID_2 and its PVE_NODE_2.
import pve from '@corsinvest/cv4pve-api-javascript';

const { PveClient } = pve;
const env = process.env;
const out = (name, result) => console.log(JSON.stringify({
  name,
  status: result.statusCode,
  reason: result.reasonPhrase,
  data: result.response ? result.response.data : undefined,
  errors: result.response ? result.response.errors : undefined,
  message: result.response ? result.response.message : undefined,
}));

async function main() {
  // Ticket login, as the library's README shows; then every write carries the CSRF token.
  const ticket = new PveClient(env.PVE_HOST, Number(env.PVE_PORT));
  console.log(JSON.stringify({ name: 'login', ok: await ticket.login(env.PVE_USER.split('@')[0], env.PVE_PASSWORD, env.PVE_USER.split('@')[1]) }));
  out('version', await ticket.version.version());
  out('nodes', await ticket.nodes.index());
  out('resources-vm', await ticket.cluster.resources.resources('vm'));

  const node = ticket.nodes.get(env.PVE_NODE);
  const vmid = Number(env.PVE_STOPPED_VMID);
  const start = await node.qemu.get(vmid).status.start.vmStart();
  out('start', start);
  const upid = start.response.data;
  console.log(JSON.stringify({ name: 'wait', finished: await ticket.waitForTaskToFinish(upid, 200, 30000) }));
  out('task-status', await ticket.readTaskStatus(upid));
  out('vm-status', await node.qemu.get(vmid).status.current.vmStatus());

  out('missing-vm-config', await node.qemu.get(999999).config.vmConfig());
  out('bad-snapshot-name', await node.qemu.get(vmid).snapshot.snapshot('1-not-valid'));
  out('reset-stopped', await ticket.nodes.get(env.PVE_NODE_2).qemu.get(Number(env.PVE_STOPPED_VMID_2)).status.reset.vmReset());

  // API token authentication, no ticket.
  const token = new PveClient(env.PVE_HOST, Number(env.PVE_PORT));
  token.apiToken = env.PVE_TOKEN;
  out('token-version', await token.version.version());
  const wrong = new PveClient(env.PVE_HOST, Number(env.PVE_PORT));
  wrong.apiToken = env.PVE_TOKEN.replace(/=.*/, '=00000000-0000-0000-0000-000000000000');
  out('token-wrong-secret', await wrong.version.version());
}

main().catch((e) => {
  console.log(JSON.stringify({ name: 'crash', error: String(e && e.stack || e) }));
  process.exit(1);
});
