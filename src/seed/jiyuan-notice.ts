import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder with package.json: the text stays in src/ whether the code runs from src/ (tests) or dist/. */
function projectRoot(from: string = __dirname): string {
  return existsSync(join(from, 'package.json')) || dirname(from) === from ? from : projectRoot(dirname(from));
}

/** The 济源 2021 key-work notice as published: the demo plan's source and the parser's reference fixture. */
export function readJiyuanNotice(): string {
  return readFileSync(join(projectRoot(), 'src', 'seed', 'data', 'jiyuan-2021-notice.txt'), 'utf8');
}
