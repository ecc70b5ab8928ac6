import { Fragment } from 'preact';
import { parseRichText, type Inline } from './rich-text';

function InlineNode({ part }: { part: Inline }) {
  switch (part.kind) {
    case 'bold':
      return <strong>{part.text}</strong>;
    case 'italic':
      return <em>{part.text}</em>;
    case 'code':
      return <code>{part.text}</code>;
    case 'link':
      // A new tab, without giving it our window (noopener) or our address (noreferrer).
      return (
        <a href={part.href} target="_blank" rel="noopener noreferrer nofollow">
          {part.text}
        </a>
      );
    default:
      return <>{part.text}</>;
  }
}

const Line = ({ parts }: { parts: Inline[] }) => (
  <>
    {parts.map((p, i) => (
      <InlineNode key={i} part={p} />
    ))}
  </>
);

/**
 * A chat message with its safe formatting (see rich-text.ts): elements only, never HTML. Used by the
 * widget and the console. `breaks`: the widget's bubble keeps line breaks as text (pre-wrap), so copied
 * or read text keeps them too; the console has no pre-wrap and needs `<br>`.
 */
export function RichText({ text, breaks = 'text' }: { text: string; breaks?: 'text' | 'br' }) {
  return (
    <>
      {parseRichText(text).map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i}>
            {b.lines.map((l, j) => (
              <Fragment key={j}>
                {j > 0 && (breaks === 'br' ? <br /> : '\n')}
                <Line parts={l} />
              </Fragment>
            ))}
          </p>
        ) : (
          (() => {
            const List = b.ordered ? 'ol' : 'ul';
            return (
              <List key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Line parts={item} />
                  </li>
                ))}
              </List>
            );
          })()
        ),
      )}
    </>
  );
}
