// Review 17 sweeps (issue 14; review 15's script over docs/review17/messages/): MSH-10 resend, duplicate
// URLs, dangling urn:uuid references, validateBundle R4 and usCore errors, URLs PUT under two patients,
// and the cross-message identity checks of the sample's message families (one patient, one visit, one
// order across ADT/ORU/ORM/OML/RDE/SIU/MDM/BAR). Run from the worktree root after npm run build:
//   node docs/review17/sweep.mjs
// The sweep itself is docs/reviewtools/sweep.mjs (shared with the other synthetic reviews).
import { sweep } from '../reviewtools/sweep.mjs';

// the sample's message families: one person each, by the messages that name them
await sweep('docs/review17', { 'HERNANDEZ (70011223 UHD MR)': ['01', '02', '03', '04', '18', '19', '22', '23'],
  'OKONKWO (M000778899 NTMC MR)': ['05', '06', '24'], 'LEE (2288441 BSW MRN)': ['10', '11', '12', '13', '14'],
  'WALKER (3377001 BSW MRN)': ['15', '16', '17'], 'PATEL (PC20230311 PEDSCLINIC MR)': ['20', '21']});
