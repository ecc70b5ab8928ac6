import { Fragment } from 'preact';
import { parseRichText, type Inline } from '../../../shared/text/rich-text';

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

/** A chat message with its safe formatting (see shared/text/rich-text): elements only, never HTML. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseRichText(text).map((b, i) =>
        b.kind === 'paragraph' ? (
          <p key={i}>
            {b.lines.map((l, j) => (
              <Fragment key={j}>
                {/* The bubble keeps line breaks (pre-wrap), and copied or read text keeps them too. */}
                {j > 0 && '\n'}
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
