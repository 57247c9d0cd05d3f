/** What the figures were measured on: they mean little without the machine and how busy it was. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  date: string;
  node: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  /** 1, 5 and 15 minute load averages, as `uptime` shows them. */
  load: [number, number, number];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  const [one, five, fifteen] = loadavg();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    freeMemoryGiB: round(freemem() / 1024 ** 3, 1),
    load: [round(one!), round(five!), round(fifteen!)],
  };
}

export function loadNow(): [number, number, number] {
  return machineInfo().load;
}
