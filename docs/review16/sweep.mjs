// Review 16 sweeps (issue 14; review 15's script over docs/review16/messages/): MSH-10 resend, duplicate
// URLs, dangling urn:uuid references, validateBundle R4 and usCore errors, URLs PUT under two patients,
// and the cross-message identity checks of the sample's message families (one patient, one visit, one
// order across ADT/ORU/ORM/OML/RDE/SIU/MDM/BAR). Run from the worktree root after npm run build:
//   node docs/review16/sweep.mjs
// The sweep itself is docs/reviewtools/sweep.mjs (shared with the other synthetic reviews).
import { sweep } from '../reviewtools/sweep.mjs';

// the sample's message families: one person each, by the messages that name them
await sweep('docs/review16', { 'NGUYEN (E1234567 EPI MR)': ['01', '04', '05', '07', '11', '13', '17', '18', '20', '21', '22', '24'],
  'WASHINGTON (3344556 BH MRN)': ['03', '15', '16'], "O'BRIEN (M000456789 SMH MR)": ['02', '23'], 'KOWALSKI (MH00443322 MERCY MR)': ['08', '12'] });
