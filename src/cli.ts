import { main } from './cli/main';

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
  process.stderr.write(`ring-keys: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
