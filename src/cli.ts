import { main } from './cli/main';
import { errorMessage } from './core/errorMessage';

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
  process.stderr.write(`ring-keys: ${errorMessage(err)}\n`);
  process.exitCode = 2;
});
