/** Replies agents of the demo shop insert with /shortcut; they match the demo knowledge base. */
export const DEMO_CANNED = [
  { shortcut: 'greet', text: "Hi {visitor.name}, thanks for waiting! I'm {agent.name} — could you tell me your order number so I can take a look?" },
  { shortcut: 'order-lookup', text: 'You can follow your order any time under My account → Orders → Track parcel. Checked out as a guest? Use the order lookup page with your order number and email address.' },
  { shortcut: 'tracking-delay', text: 'Tracking can take up to 12 hours to show the first scan after the carrier collects the parcel, so "label created" on the first day is normal.' },
  { shortcut: 'returns', text: 'You have 60 days from delivery to return anything, for any reason, as long as it is unused and still has its tags. Start a return from My account → Orders.' },
  { shortcut: 'refund-timing', text: 'We process returns within 3 working days of them reaching our warehouse and email you when the refund is issued. Cards then take 3–5 working days, PayPal up to 24 hours.' },
  { shortcut: 'exchange', text: 'The quickest way to exchange is to start a return and choose Exchange: we reserve the new size or colour straight away and send it once the carrier scans your parcel.' },
  { shortcut: 'escalate', text: "I'm passing this to our specialist team, who will email you within one working day. You don't need to do anything else." },
  { shortcut: 'bye', text: 'Is there anything else I can help with? If not, have a lovely day!' },
];
