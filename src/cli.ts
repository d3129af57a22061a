import { main } from './cli/main';
import { errorMessage } from './core/errorMessage';
import { escapeControls } from './core/terminalText';

main(process.argv.slice(2)).then(code => { process.exitCode = code; }, err => {
  process.stderr.write(`ring-keys: ${escapeControls(errorMessage(err))}\n`);
  process.exitCode = 2;
});
