// The Node.js flags the API runs with on this host (`npm start`, the Docker image's
// scripts/run-api.sh, the benchmarks). With less than two CPUs (an affinity mask or a container's
// CPU quota), V8's concurrent and parallel garbage-collection threads cannot run beside the event
// loop, only instead of it: a marking thread took the core from the loop for up to half a second
// (the relay stalls, join and report figures in BENCHMARKS.md). There the API collects garbage on
// the thread that allocates (--single-threaded-gc): the loop in short incremental steps, each
// report worker on its own lowest-priority thread. `node scripts/api-node-flags.cjs` prints them.
const fs = require('node:fs');
const os = require('node:os');

/** CPUs this process may use: its affinity mask, capped by a cgroup v2 CPU quota ("<quota> <period>" or "max <period>"). */
function cpusOfThisHost() {
  const affinity = os.availableParallelism();
  try {
    const [quota, period] = fs.readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota !== 'max' && Number(period) > 0) return Math.min(affinity, Number(quota) / Number(period));
  } catch {
    // No cgroup v2 CPU controller here: the affinity mask is all there is.
  }
  return affinity;
}

function apiNodeFlags(cpus = cpusOfThisHost()) {
  return cpus < 2 ? ['--single-threaded-gc'] : [];
}

module.exports = { apiNodeFlags, cpusOfThisHost };

if (require.main === module) process.stdout.write(apiNodeFlags().join(' '));
