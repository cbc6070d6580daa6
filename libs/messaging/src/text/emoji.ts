/**
 * Reaction emoji: Unicode emoji are stored as themselves (fully qualified, so ❤ and ❤️ are
 * one reaction); known :shortcodes: become their Unicode emoji (:+1: is 👍), unknown
 * well-formed ones are kept as `:name:` for custom emoji (a later issue manages those).
 */
const SHORTCODES: Readonly<Record<string, string>> = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  smile: '😄',
  smiley: '😃',
  grinning: '😀',
  grin: '😁',
  laughing: '😆',
  joy: '😂',
  rofl: '🤣',
  wink: '😉',
  blush: '😊',
  slightly_smiling_face: '🙂',
  upside_down_face: '🙃',
  heart_eyes: '😍',
  thinking: '🤔',
  thinking_face: '🤔',
  neutral_face: '😐',
  sweat_smile: '😅',
  sob: '😭',
  cry: '😢',
  rage: '😡',
  scream: '😱',
  sunglasses: '😎',
  partying_face: '🥳',
  heart: '❤️',
  broken_heart: '💔',
  tada: '🎉',
  fire: '🔥',
  eyes: '👀',
  rocket: '🚀',
  ok_hand: '👌',
  clap: '👏',
  pray: '🙏',
  raised_hands: '🙌',
  wave: '👋',
  muscle: '💪',
  point_up: '☝️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  question: '❓',
  exclamation: '❗',
  '100': '💯',
  star: '⭐',
  sparkles: '✨',
  bulb: '💡',
  memo: '📝',
  coffee: '☕',
  beer: '🍺',
  cake: '🍰',
  rainbow: '🌈',
  sunny: '☀️',
  zap: '⚡',
  see_no_evil: '🙈',
  hugs: '🤗',
  handshake: '🤝',
};

const SHORTCODE = /^:([a-z0-9_+-]{1,64}):$/;
const VS16 = '\uFE0F';
// The `v` flag (Unicode sets) is built at run time: the compile target predates it.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');
const NEEDS_PRESENTATION = new RegExp('^(?:\\p{Extended_Pictographic}|\\p{Emoji_Component})$', 'u');
const HAS_PRESENTATION = /^\p{Emoji_Presentation}$/u;

/** The stored form of a reaction, or undefined when the input is neither an emoji nor a shortcode. */
export function normaliseReaction(input: string): string | undefined {
  const trimmed = input.trim();
  const shortcode = SHORTCODE.exec(trimmed.toLowerCase());
  if (shortcode) {
    const name = shortcode[1] ?? '';
    return SHORTCODES[name] ?? `:${name}:`;
  }
  const emoji = trimmed.normalize('NFC');
  if (RGI_EMOJI.test(emoji)) return emoji;
  // A lone pictograph without its emoji-presentation selector (❤ instead of ❤️).
  const bare = emoji.replaceAll(VS16, '');
  const points = [...bare];
  if (points.length === 1 && NEEDS_PRESENTATION.test(bare) && !HAS_PRESENTATION.test(bare)) {
    const qualified = bare + VS16;
    if (RGI_EMOJI.test(qualified)) return qualified;
  }
  return undefined;
}

export function shortcodeTable(): Readonly<Record<string, string>> {
  return SHORTCODES;
}
