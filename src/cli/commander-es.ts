/**
 * The command line speaks Spanish too: commander's help headings, its help option and
 * command, and its error messages (which it only writes in English) in Spanish.
 */
import type { Command } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'Global Options:': 'Opciones globales:',
};

const placeholders = (text: string) => text.replace('[options]', '[opciones]').replace('[command]', '[comando]');

/** commander's error messages, as Spanish sentences; anything not listed keeps its text after "Error:". */
const ERRORS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown command '(.*)'$/, (name) => `no existe el comando «${name}»`],
  [/^error: unknown option '(.*)'$/, (flag) => `no existe la opción «${flag}»`],
  [/^error: required option '(.*)' not specified$/, (flags) => `falta la opción obligatoria «${flags}»`],
  [/^error: missing required argument '(.*)'$/, (name) => `falta el argumento «${name}»`],
  [/^error: option '(.*)' argument missing$/, (flags) => `la opción «${flags}» necesita un valor`],
  [
    /^error: too many arguments.*Expected (\d+) arguments? but got (\d+)\.$/,
    (expected, got) => `sobran argumentos: se esperaban ${expected} y llegaron ${got}`,
  ],
];

/** "error: unknown command 'chek'\n(Did you mean check?)" → "Error: no existe el comando «chek». ¿Quiso decir «check»?" */
export function translateCommanderError(text: string): string {
  const [first = '', ...rest] = text.trimEnd().split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.*)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const known = ERRORS.map(([pattern, say]) => {
    const match = pattern.exec(first);
    return match ? say(...match.slice(1)) : undefined;
  }).find((message) => message !== undefined);
  const message = known ?? first.replace(/^error:\s*/, '');
  return `Error: ${message}.${suggestion ? ` ¿Quiso decir «${suggestion}»?` : ''}`;
}

/** Call on the program before adding commands: subcommands inherit these settings. */
export function inSpanish(program: Command): Command {
  return program
    .helpOption('-h, --help', 'muestra esta ayuda')
    .helpCommand('help [comando]', 'muestra la ayuda de un comando')
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      styleUsage: placeholders,
      styleSubcommandTerm: placeholders,
      styleOptionDescription: (text) => text.replace(/\(default: (.*)\)$/, '(por defecto: $1)'),
    })
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) });
}
