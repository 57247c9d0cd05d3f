/**
 * Preloaded (`node --require`) into every service process the bench starts:
 * SIGUSR2 ends the process at once with `process.exit(0)`, which is when
 * `node --cpu-prof` writes its profile. The bench does not need a graceful
 * drain at the end of a run, and a SIGKILL would lose the profile.
 */
process.on('SIGUSR2', () => process.exit(0));
