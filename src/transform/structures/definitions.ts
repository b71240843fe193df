/**
 * Message structures (HL7 v2.5.1–2.8 abstract message syntax, unioned so older versions fit),
 * as data. Leading segments of groups that real senders omit (e.g. ORC before RXA in v2.3 VXU)
 * are written optional; the matcher is lenient anyway and reports what it did not expect.
 */
const HDR = 'MSH [{SFT}] [UAC]';
const PATIENT_ROLES = '[{ARV}] [{ROL}] [{PRT}]';
const VISIT = 'PV1 [PV2] [{ARV}] [{ROL}] [{PRT}]';
const INSURANCE = '[{INSURANCE(IN1 [IN2] [{IN3}] [{ROL}] [{PRT}] [{AUT}] [{RF1}])}]';
const PROCEDURE = '[{PROCEDURE(PR1 [{ROL}] [{PRT}])}]';
const ADT_OBX = '[{OBSERVATION(OBX [{NTE}] [{PRT}])}]';
const TIMING = '[{TIMING(TQ1 [{TQ2}])}]';
const PRIOR_RESULT =
  '[{PRIOR_RESULT([PATIENT_PRIOR(PID [PD1] [{PRT}])] [PATIENT_VISIT_PRIOR(PV1 [PV2] [{PRT}])] [{AL1}] {ORDER_PRIOR([ORC] OBR [{NTE}] [{PRT}] [{TIMING_PRIOR(TQ1 [{TQ2}])}] [CTD] {OBSERVATION_PRIOR(OBX [{PRT}] [{NTE}])})})}]';
const ORDER_PATIENT =
  '[PATIENT(PID [PD1] [{PRT}] [{NTE}] [{NK1}] [{ARV}] [PATIENT_VISIT(PV1 [PV2] [{PRT}])] ' + INSURANCE + ' [GT1] [{AL1}])]';
const ADT_FULL = `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [{NEXT_OF_KIN(NK1)}] ${VISIT} [{DB1}] ${ADT_OBX} [{AL1}] [{IAM}] [{DG1}] [DRG] ${PROCEDURE} [{GT1}] ${INSURANCE} [ACC] [UB1] [UB2] [PDA]`;
// v2.5.1+ DFT_P03/P11 time the order after its ORC: (FINANCIAL_)COMMON_ORDER(ORC [{PRT}]
// [{(FINANCIAL_)TIMING_QUANTITY(TQ1 [{TQ2}])}] …); without the group the TQ1 fit nowhere and the
// ServiceRequest lost its timing (review 9, DFT-P11-02) [IG TQ1[ServiceRequest]]. Both are named
// TIMING_QUANTITY here: the request's builder reads the ORC group's TIMING* child (order-timing.ts).
// v2.8 DFT_P03/P11 FINANCIAL: FT1 with its own participations [{PRT}] [{ROL}] (the transaction's
// performer, ordering or admitting party): without them a PRT after the FT1 opened an empty
// FINANCIAL_COMMON_ORDER (its ORC is optional) and was reported under that group (review 11, DFT-P03-01).
const FINANCIAL_ORDER = (p: string): string =>
  `[{${p}COMMON_ORDER([ORC] [{PRT}] [{TIMING_QUANTITY(TQ1 [{TQ2}])}] [${p}ORDER(OBR [{NTE}] [{PRT}])] [{${p}OBSERVATION(OBX [{NTE}] [{PRT}])}])}]`;
const MDM_HEAD = `${HDR} EVN PID [{PRT}] [PV1] [{PRT}] [{COMMON_ORDER(ORC [{PRT}] ${TIMING} [OBR] [{NTE}])}] TXA [{CON}]`;
/**
 * v2.9 (and the Microsoft samples labelled 2.5.1 that use it): ORU_R01 4.2.1 puts
 * the ORC in COMMON_ORDER with an ORDER_DOCUMENT (OBX [{PRT}] TXA); a v2.5.1 [ORC] fits it too.
 * groups.ts pairs the group's ORC with the OBR beside it [IG ORU_R01 4.2.1, 4.2.2].
 */
const COMMON_ORDER = '[COMMON_ORDER(ORC [{PRT}] [ORDER_DOCUMENT(OBX [{PRT}] TXA)])]';
const RX_PATIENT =
  '[PATIENT(PID [PD1] [{PRT}] [{NTE}] [{AL1}] [PATIENT_VISIT(PV1 [PV2] [{PRT}])] ' + INSURANCE + ' [GT1] [{AL1}])]';
// v2.8 puts PRTs after RXO (and CDO, contract dose, after the RXE's RXC): without them in the
// grammar the matcher skipped ahead to RXE's own [{PRT}], and the RXE, its TQ1 and RXR then "fit
// nowhere" (RDE-O25-01), so the RXE's own timing and priority were never placed
// [IG RDE_O11 ORDER.ENCODING.TIMING_ENCODED.TQ1 → MedicationRequest.dosageInstruction/priority]
const RX_DETAIL = '[ORDER_DETAIL(RXO [{PRT}] [{NTE}] [{RXR}] [{COMPONENT(RXC [{NTE}])}])]';
/**
 * v2.5.1–2.8 PPR_PC1 (PC2, PC3) ORDER: `ORC [< OBR [{NTE}] [{VAR}] [{OBX [{NTE}] [{VAR}]}] |
 * {pharmacy/treatment order segments} >]`: the standard names the second alternative only; it is
 * written here as OMP_O09 writes a pharmacy order (RXO [{NTE}] {RXR} [{RXC [{NTE}]}]), so an ORC + RXO
 * of a problem is one MedicationRequest, not an RXO that fits nowhere.
 */
const PPR_ORDER_DETAIL =
  '<ORDER_DETAIL(OBR [{NTE}] [{VAR}] [{ORDER_OBSERVATION(OBX [{NTE}] [{VAR}])}]) | ORDER_DETAIL(RXO [{NTE}] [{RXR}] [{COMPONENT(RXC [{NTE}])}] [{VAR}])>';
const RX_ENCODED = 'RXE [{PRT}] [{NTE}] [{TIMING_ENCODED(TQ1 [{TQ2}])}] [{RXR}] [{RXC}] [{CDO}]';

export const STRUCTURES: Readonly<Record<string, string>> = {
  ADT_A01: ADT_FULL,
  ADT_A05: ADT_FULL,
  ADT_A02: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} ${VISIT} [{DB1}] ${ADT_OBX} [PDA]`,
  ADT_A03: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [{NK1}] ${VISIT} [{DB1}] [{AL1}] [{DG1}] [DRG] ${PROCEDURE} ${ADT_OBX} [{GT1}] ${INSURANCE} [ACC] [PDA]`,
  ADT_A06: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [MRG] [{NK1}] ${VISIT} [{DB1}] ${ADT_OBX} [{AL1}] [{DG1}] [DRG] ${PROCEDURE} [{GT1}] ${INSURANCE} [ACC] [UB1] [UB2]`,
  ADT_A09: `${HDR} EVN PID [PD1] [{ARV}] ${VISIT} [{DB1}] ${ADT_OBX} [{DG1}]`,
  ADT_A12: `${HDR} EVN PID [PD1] [{ARV}] ${VISIT} [{DB1}] ${ADT_OBX} [DG1]`,
  ADT_A15: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} ${VISIT} [{DB1}] ${ADT_OBX} [{DG1}]`,
  ADT_A16: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [{NK1}] ${VISIT} [{DB1}] ${ADT_OBX} [{AL1}] [{DG1}] [DRG] ${PROCEDURE} [{GT1}] ${INSURANCE} [ACC]`,
  ADT_A17: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] PV1 [PV2] [{ARV}] [{DB1}] ${ADT_OBX})}`,
  ADT_A21: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} ${VISIT} [{DB1}] ${ADT_OBX}`,
  // v2.5.1 3.3.24 / 3.3.37: `EVN PID [PD1] [PV1] [{DB1}] PID [PD1] [PV1] [{DB1}]` (A37's second PID
  // without PD1 in v2.5.1): two patients, each with its own visit, written as A17's repeating PATIENT
  // group so each PV1 is its own PID's (patient-links.ts links or unlinks the first two)
  ADT_A24: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] [PV1] [{ARV}] [{DB1}])}`,
  ADT_A37: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] [PV1] [{ARV}] [{DB1}])}`,
  ADT_A30: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] MRG)}`,
  ADT_A38: `${HDR} EVN PID [PD1] [{ARV}] ${VISIT} [{DB1}] ${ADT_OBX} [{DG1}] [DRG]`,
  ADT_A39: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] MRG [PV1])}`,
  // v2.3–2.4's merge patient information (withdrawn later, kept for backward compatibility): one PID, its MRG, a PV1
  ADT_A18: `${HDR} EVN PID [PD1] MRG PV1`,
  ADT_A43: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] MRG)}`,
  ADT_A45: `${HDR} EVN PID [PD1] [{ARV}] {MERGE_INFO(MRG PV1)}`,
  // v2.5.1 3.3.52/3.3.53 (A52 cancel leave of absence, A53 cancel patient returns): `EVN PID [PD1] PV1 [PV2]`;
  // later versions add optional ARV segments (the union; the IG has no ADT_A52 message map); no ROL/PRT
  ADT_A52: `${HDR} EVN PID [PD1] [{ARV}] PV1 [PV2] [{ARV}]`,
  // v2.5.1 3.3.54/3.3.55 (A54 change attending doctor, A55 its cancel): `EVN PID [PD1] [{ROL}] PV1 [PV2] [{ROL}]`;
  // v2.8 adds optional ARV segments (the union; the IG has no ADT_A54 message map: read as a visit update, events.ts)
  ADT_A54: `${HDR} EVN PID [PD1] [{ARV}] [{ROL}] PV1 [PV2] [{ARV}] [{ROL}]`,
  ADT_A60: `${HDR} EVN PID [{ARV}] [VISIT(PV1 [{ARV}] [PV2])] [{ADVERSE_REACTION_GROUP(IAM [{NTE}] [{IAR}])}]`,
  BAR_P01: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} {VISIT([PV1] [PV2] [{ARV}] [{ROL}] [{PRT}] [{DB1}] ${ADT_OBX} [{AL1}] [{DG1}] [DRG] ${PROCEDURE} [{GT1}] [{NK1}] ${INSURANCE} [ACC] [UB1] [UB2])}`,
  BAR_P02: `${HDR} EVN {PATIENT(PID [PD1] [{ARV}] [PV1] [{DB1}])}`,
  // v2.5.1 6.4.6 update account (review 59 R59-R1: refused until fix37a): BAR_P01's grammar, the VISIT group ending
  // in [ABS] [{BLC}] [RMI] (abstract, blood code, risk management incident: no IG map, reported as any unmapped segment)
  BAR_P05: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} {VISIT([PV1] [PV2] [{ARV}] [{ROL}] [{PRT}] [{DB1}] ${ADT_OBX} [{AL1}] [{DG1}] [DRG] ${PROCEDURE} [{GT1}] [{NK1}] ${INSURANCE} [ACC] [UB1] [UB2] [ABS] [{BLC}] [RMI])}`,
  BAR_P12: `${HDR} EVN PID [{ARV}] PV1 [DRG] [{DG1}] ${PROCEDURE} ${ADT_OBX}`,
  DFT_P03: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [PV1] [PV2] [{ARV}] [{ROL}] [{PRT}] [{DB1}] ${FINANCIAL_ORDER('')} {FINANCIAL(FT1 [{NTE}] [{PRT}] [{ROL}] [{FINANCIAL_PROCEDURE(PR1 [{ROL}] [{PRT}])}] ${FINANCIAL_ORDER('FINANCIAL_')})} [{DG1}] [DRG] [{GT1}] ${INSURANCE} [ACC]`,
  DFT_P11: `${HDR} EVN PID [PD1] ${PATIENT_ROLES} [PV1] [PV2] [{ARV}] [{ROL}] [{PRT}] [{DB1}] ${FINANCIAL_ORDER('')} [{DG1}] [DRG] [{GT1}] ${INSURANCE} [ACC] {FINANCIAL(FT1 [{NTE}] [{PRT}] [{ROL}] [{FINANCIAL_PROCEDURE(PR1 [{ROL}] [{PRT}])}] ${FINANCIAL_ORDER('FINANCIAL_')} [{DG1}] [DRG] [{GT1}] [{FINANCIAL_INSURANCE(IN1 [IN2] [IN3] [{ROL}])}])}`,
  MDM_T01: MDM_HEAD,
  MDM_T02: `${MDM_HEAD} {OBSERVATION(OBX [{PRT}] [{NTE}])}`,
  OMP_O09: `${HDR} [{NTE}] [PATIENT(PID [PD1] [{PRT}] [{NTE}] [{ARV}] [PATIENT_VISIT(PV1 [PV2] [{PRT}])] ${INSURANCE} [GT1] [{AL1}])] {ORDER(ORC [{PRT}] ${TIMING} RXO [{PRT}] [{NTE}] {RXR} [{COMPONENT(RXC [{NTE}])}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}] [{FT1}] [BLG])}`,
  // The same layout as OML_O21's (review 19 R19-W1): senders put several OBRs under one ORC, and
  // read by the standard's grammar the second was an ORC-less prior result (PRIOR_RESULT.ORDER_PRIOR,
  // `[ORC] OBR`) listed in the first's supportingInfo; each OBR is its own request, paired with the ORC
  // that heads it (groups.ts) [hig: the IG has no OMG_O19 message map; as IG OML_O21 6.4.1 and
  // OBR[ServiceRequest], one ServiceRequest per OBR] (code review 23, CR23-8: tagged [IG OMG_O19] before).
  OMG_O19: `${HDR} [{NTE}] ${ORDER_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} {OBSERVATION_REQUEST(OBR [{NTE}] [{PRT}] [CTD] [{DG1}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}] [{SPECIMEN(SPM [{OBX}] [{CONTAINER(SAC [{OBX}])}])}] ${PRIOR_RESULT})} [{FT1}] [{CTI}] [BLG])}`,
  OMI_O23: `${HDR} [{NTE}] ${ORDER_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} OBR [{NTE}] [{PRT}] [{ROL}] [CTD] [{DG1}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}] {IPC})}`,
  // OBSERVATION_REQUEST repeats: senders put several OBRs under one ORC (MDHHS OML_O21: HIV and
  // syphilis under one ORC NW). Read as the standard's ORC-less ORDER_PRIOR, the second test lost
  // its ORC [IG OML_O21 6.4.10.4.1: ORDER_PRIOR starts with a required ORC]; each OBR is paired
  // with the ORC that heads it (groups.ts) [IG OML_O21 6.4.1].
  OML_O21: `${HDR} [{NTE}] ${ORDER_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} [{OBSERVATION_REQUEST(OBR [{PRT}] [TCD] [{NTE}] [{PRT}] [CTD] [{DG1}] [{OBSERVATION(OBX [{PRT}] [TCD] [{NTE}])}] [{SPECIMEN(SPM [{OBX}] [{CONTAINER(SAC [{OBX}])}])}] ${PRIOR_RESULT})}] [{FT1}] [{CTI}] [BLG])}`,
  // v2.3–2.6 ORDER_DETAIL starts with the choice <OBR | RQD | RQ1 | RXO | ODS | ODT> [IG ORM_O01
  // 4.2.1.1–4.2.1.12]: with OBR alone an RXO (pharmacy ORM, ORM-O01-06), RQD/RQ1 (supply) or ODS/ODT
  // (diet) fit nowhere, and the NTE, DG1 and OBX after them left the order. Unioned in, as the
  // successors of these ORMs write them: [RQ1] after RQD (OMS_O05 `RQD [RQ1]`, ORM-O01-05 sends
  // both) and RXO's [{RXR}] [{RXC}] (OMP_O09 `RXO [{NTE}] {RXR} [{RXC [{NTE}]}]`).
  ORM_O01: `MSH [{NTE}] ${ORDER_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} [ORDER_DETAIL(<OBR | RQD | RQ1 | RXO | ODS | ODT> [RQ1] [{NTE}] [{PRT}] [{RXR}] [{COMPONENT(RXC [{NTE}])}] [CTD] [{DG1}] [{OBSERVATION(OBX [{NTE}] [{PRT}])}])] [{FT1}] [{CTI}] [BLG])}`,
  ORU_R01: `${HDR} {PATIENT_RESULT([PATIENT(PID [PD1] [{PRT}] [{NTE}] [{NK1}] [{ARV}] [VISIT(PV1 [PV2] [{PRT}])])] {ORDER_OBSERVATION(${COMMON_ORDER} OBR [{NTE}] [{PRT}] [{TIMING_QTY(TQ1 [{TQ2}])}] [CTD] [{OBSERVATION(OBX [{PRT}] [{NTE}])}] [{FT1}] [{CTI}] [{SPECIMEN(SPM [{OBX}])}])})} [DSC]`,
  OUL_R22: `${HDR} [NTE] [PATIENT(PID [PD1] [{PRT}] [{NTE}])] [VISIT(PV1 [PV2] [{PRT}])] {SPECIMEN(SPM [{SPECIMEN_OBSERVATION(OBX [{PRT}])}] [{CONTAINER(SAC [INV])}] {ORDER(OBR [ORC] [{PRT}] [{NTE}] [{TIMING_QTY(TQ1 [{TQ2}])}] [{RESULT(OBX [{PRT}] [TCD] [{SID}] [{NTE}])}] [{CTI}])})} [DSC]`,
  OUL_R23: `${HDR} [NTE] [PATIENT(PID [PD1] [{PRT}] [{NTE}])] [VISIT(PV1 [PV2] [{PRT}])] {SPECIMEN(SPM [{SPECIMEN_OBSERVATION(OBX [{PRT}])}] {CONTAINER(SAC [INV] {ORDER(OBR [ORC] [{PRT}] [{NTE}] [{TIMING_QTY(TQ1 [{TQ2}])}] [{RESULT(OBX [{PRT}] [TCD] [{SID}] [{NTE}])}] [{CTI}])})})} [DSC]`,
  OUL_R24: `${HDR} [NTE] [PATIENT(PID [PD1] [{PRT}] [{NTE}])] [VISIT(PV1 [PV2] [{PRT}])] {ORDER(OBR [ORC] [{PRT}] [{NTE}] [{TIMING_QTY(TQ1 [{TQ2}])}] [{SPECIMEN(SPM [{SPECIMEN_OBSERVATION(OBX [{PRT}])}] [{CONTAINER(SAC [INV])}])}] [{RESULT(OBX [{PRT}] [TCD] [{SID}] [{NTE}])}] [{CTI}])} [DSC]`,
  // v2.5.1 4.4.7 ORL_O22 (the lab's acknowledgement of an OML_O21): `MSH MSA [ERR] [{SFT}] [{NTE}]
  // [RESPONSE([PATIENT(PID [{ORDER(ORC [{TIMING(TQ1 [{TQ2}])}] [OBSERVATION_REQUEST(OBR [{SPECIMEN(SPM
  // [{SAC}])}])])}])])]`; unioned with v2.8 (`[{ERR}]`, `[UAC]`, RESPONSE(PID [{PRT}] [{ARV}] {ORDER(ORC
  // [{PRT}] … OBR [{PRT}] …)}): the ORDERs beside the PID, not in a PATIENT group; the PID's patient is
  // the context of what follows it either way, engine.ts). Its ORC/OBR name the order the OML/ORM placed:
  // a conditional create + patch, never a PUT (order.ts placesOrder: ORL is no order message) [R34-R1].
  ORL_O22: `MSH MSA [{ERR}] [{SFT}] [UAC] [{NTE}] [RESPONSE([PATIENT(PID [{PRT}] [{ARV}])] [{ORDER(ORC [{PRT}] ${TIMING} [OBSERVATION_REQUEST(OBR [{PRT}] [{SPECIMEN(SPM [{SAC}])}])])}])]`,
  // v2.5.1 4A.3.2 ORP_O10 (the pharmacy's acknowledgement of an OMP_O09): `MSH MSA [{ERR}] [{SFT}] [{NTE}]
  // [RESPONSE([PATIENT(PID [{NTE}])] {ORDER(ORC [{TIMING(TQ1 [{TQ2}])}] [ORDER_DETAIL(RXO [{NTE}] {RXR}
  // [{COMPONENT(RXC [{NTE}])}])])})]`, unioned with v2.8 (`[UAC]`, PID/ORC/RXO `[{PRT}]`); RXR written optional as
  // RDS/RAS/RGV write it. Its ORC names the order the OMP placed: the MedicationRequest's conditional create + patch
  // of its numbers and status, never a PUT (pharmacy.ts medicationRequest, order.ts respondedOrderRequest) [R55-R2].
  ORP_O10: `MSH MSA [{ERR}] [{SFT}] [UAC] [{NTE}] [RESPONSE([PATIENT(PID [{PRT}] [{NTE}])] {ORDER(ORC [{PRT}] ${TIMING} [ORDER_DETAIL(RXO [{PRT}] [{NTE}] [{RXR}] [{COMPONENT(RXC [{NTE}])}])])})]`,
  // v2.5.1 4.4.2 ORR_O02 (the general order response to an ORM_O01; v2.4 the same without SFT): `MSH MSA [{ERR}]
  // [{SFT}] [{NTE}] [RESPONSE([PATIENT(PID [{NTE}])] {ORDER(ORC [<OBR | RQD | RQ1 | RXO | ODS | ODT>] [{NTE}]
  // [{CTI}])})]`. Read as ORL_O22 is (order.ts RESPONSE_MESSAGES): an OBR's order a conditional create + patch by
  // number + OBR-4, an RXO's MedicationRequest as ORP_O10's, a lone ORC an order event [review 56 R56-R1].
  ORR_O02: `MSH MSA [{ERR}] [{SFT}] [{NTE}] [RESPONSE([PATIENT(PID [{NTE}])] {ORDER(ORC [ORDER_DETAIL(<OBR | RQD | RQ1 | RXO | ODS | ODT>)] [{NTE}] [{CTI}])})]`,
  RDE_O11: `${HDR} [{NTE}] ${RX_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} ${RX_DETAIL} ${RX_ENCODED} [{OBSERVATION(OBX [{PRT}] [{NTE}])}] [{FT1}] [BLG] [{CTI}])}`,
  RAS_O17: `${HDR} [{NTE}] [PATIENT(PID [PD1] [{PRT}] [{NTE}] [{AL1}] [PATIENT_VISIT(PV1 [PV2] [{PRT}])])] {ORDER(ORC [{PRT}] ${TIMING} [ORDER_DETAIL(RXO [{NTE}] [{RXR}] [{COMPONENTS(RXC [{NTE}])}])] [ENCODING(${RX_ENCODED})] {ADMINISTRATION(RXA [{RXR}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}])} [{CTI}])}`,
  RDS_O13: `${HDR} [{NTE}] ${RX_PATIENT} {ORDER(ORC [{PRT}] ${TIMING} ${RX_DETAIL} [ENCODING(${RX_ENCODED})] RXD [{PRT}] [{NTE}] [{RXR}] [{RXC}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}] [{FT1}])}`,
  // v2.5.1 ch. 4A RGV_O15 (pharmacy/treatment give), unioned with v2.6–2.8 (PRT after PID, PV1, ORC, RXO):
  // `[{NTE}] [PATIENT(PID [PD1] [{NTE}] [{AL1}] [PATIENT_VISIT(PV1 [PV2])])] {ORDER(ORC [{TIMING(TQ1 [{TQ2}])}]
  // [ORDER_DETAIL(RXO [{NTE}] {RXR} [{RXC}])] [ENCODING(RXE [{TIMING_ENCODED(TQ1 [{TQ2}])}] {RXR} [{RXC}])]
  // {GIVE(RXG [{TIMING_GIVE(TQ1 [{TQ2}])}] {RXR} [{RXC}] [{OBSERVATION(OBX [{NTE}])}])})}`. Each GIVE is one
  // scheduled administration of the order: its RXG, the TQ1s of TIMING_GIVE and its RXR/RXC are that give's,
  // not the order's (pharmacy.ts mapRxg); RXR is written optional as RDS/RAS write it (senders omit it)
  // [hig: the IG has no RGV_O15 message map and no RXG segment map; review 19 R19-R2, review 25 #17].
  RGV_O15: `${HDR} [{NTE}] [PATIENT(PID [PD1] [{PRT}] [{NTE}] [{AL1}] [PATIENT_VISIT(PV1 [PV2] [{PRT}])])] {ORDER(ORC [{PRT}] ${TIMING} [ORDER_DETAIL(RXO [{PRT}] [{NTE}] [{RXR}] [{COMPONENTS(RXC [{NTE}])}])] [ENCODING(${RX_ENCODED})] {GIVE(RXG [{TIMING_GIVE(TQ1 [{TQ2}])}] [{RXR}] [{RXC}] [{OBSERVATION(OBX [{PRT}] [{NTE}])}])} [{CTI}])}`,
  REF_I12: `${HDR} [RF1] [{AUTHORIZATION_CONTACT(AUT [CTD])}] [{PROVIDER_CONTACT(PRD [{CTD}])}] PID [{NK1}] [{GT1}] ${INSURANCE} [ACC] [{DG1}] [DRG] [{AL1}] [{PROCEDURE(PR1 [{AUTHORIZATION_CONTACT2(AUT [CTD])}])}] [{OBSERVATION(OBR [{NTE}] [{RESULTS_NOTES(OBX [{NTE}])}])}] [PATIENT_VISIT(PV1 [PV2])] [{NTE}]`,
  SIU_S12: `${HDR} SCH [{TQ1}] [{NTE}] [{PATIENT(PID [PD1] [{PRT}] [PV1] [PV2] [{PRT}] [{OBX}] [{DG1}])}] {RESOURCES(RGS [{SERVICE(AIS [{NTE}])}] [{GENERAL_RESOURCE(AIG [{NTE}])}] [{LOCATION_RESOURCE(AIL [{NTE}])}] [{PERSONNEL_RESOURCE(AIP [{NTE}])}])}`,
  VXU_V04: `${HDR} PID [PD1] [{NK1}] [{ARV}] [PATIENT_VISIT(PV1 [PV2])] [{GT1}] ${INSURANCE} [{PERSON_OBSERVATION(OBX [{PRT}] [{NTE}])}] {ORDER([ORC] [{PRT}] ${TIMING} RXA [RXR] [{OBSERVATION(OBX [{PRT}] [{NTE}])}])}`,
  PPR_PC1: `${HDR} PID [PATIENT_VISIT(PV1 [PV2])] {PROBLEM(PRB [{NTE}] [{VAR}] [{PROBLEM_ROLE(ROL [{VAR}])}] [{PATHWAY(PTH [{VAR}])}] [{PROBLEM_OBSERVATION(OBX [{NTE}])}] [{GOAL(GOL [{NTE}] [{VAR}] [{GOAL_ROLE(ROL [{VAR}])}] [{GOAL_OBSERVATION(OBX [{NTE}])}])}] [{ORDER(ORC [${PPR_ORDER_DETAIL}])}])}`,
};

/**
 * Which segment's resource an NTE annotates when the NTE stands where the structure's grammar puts
 * a note directly in a group other than right after that segment, keyed by the group's path
 * (groups.ts GroupFrame.path; the root group is the structure's name). nte.ts looks the owner up in
 * the group, so the note follows the message's structure and not whichever mapper ran last.
 *  - REF_I12 (v2.8 ch. 11: `… [{AL1}] [{PROCEDURE}] [{OBSERVATION}] [PATIENT_VISIT] [{NTE}]`, also
 *    I13/I14): the trailing NTE is the message's note on the referral RF1 makes
 *    [IG NTE[ServiceRequest] NTE-3 → note.text]; AL1 and DG1 precede it at the root but take no
 *    NTE (no NTE row under AL1[AllergyIntolerance] or DG1[Condition]).
 *  - SIU_S12 (`SCH [{TQ1}] [{NTE}]`): the appointment's comment [IG SIU_S12 3 NTE → Appointment[1]
 *    NTE[Appointment-Comment]].
 * A root NTE the grammar expects in a structure not listed here is the header's note
 * ("Notes and Comments (for Header)", IG ORM_O01 2 / OML_O21 4: no target) and is reported, never
 * put on a resource that happens to precede it.
 */
export const NOTE_OWNERS: Readonly<Record<string, string>> = {
  REF_I12: 'RF1',
  SIU_S12: 'SCH',
};

/**
 * The trigger events hig converts (issue 3's list). An event outside this list is refused with
 * UNSUPPORTED_EVENT even when its structure is known, so we never claim a mapping we have not
 * tested.
 */
export const SUPPORTED_EVENTS: ReadonlySet<string> = new Set([
  ...['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11', 'A12', 'A13', 'A14', 'A15', 'A16', 'A17', 'A18'].map((e) => `ADT^${e}`),
  ...['A21', 'A22', 'A23', 'A24', 'A25', 'A26', 'A27', 'A28', 'A29', 'A31', 'A32', 'A33', 'A34', 'A35', 'A36', 'A37', 'A38', 'A39', 'A40', 'A41', 'A44', 'A45', 'A47', 'A52', 'A53', 'A54', 'A55', 'A60'].map((e) => `ADT^${e}`),
  'BAR^P01', 'BAR^P02', 'BAR^P05', 'BAR^P12', 'DFT^P03', 'DFT^P11',
  ...['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08', 'T09', 'T10', 'T11'].map((e) => `MDM^${e}`),
  'OMG^O19', 'OMI^O23', 'OML^O21', 'OMP^O09', 'ORL^O22', 'ORM^O01', 'ORP^O10', 'ORR^O02', 'ORU^R01', 'OUL^R22', 'OUL^R23', 'OUL^R24',
  'RDE^O01', 'RDE^O11', 'RDE^O25', 'RAS^O01', 'RAS^O17', 'RDS^O01', 'RDS^O13', 'RGV^O01', 'RGV^O15', 'REF^I12', 'REF^I13', 'REF^I14',
  ...['S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S26'].map((e) => `SIU^${e}`),
  'VXU^V04', 'PPR^PC1', 'PPR^PC2', 'PPR^PC3',
]);

/**
 * Events table 0354 (the IG's MessageStructure map) does not list, or lists under a structure
 * the sender may not name: from the standard's chapter 3 (A47 uses ADT_A30 in v2.5, ADT_A43 later).
 */
export const EXTRA_EVENT_STRUCTURES: Readonly<Record<string, string>> = {
  'ADT^A47': 'ADT_A30',
  // merges withdrawn from table 0354 after v2.5 (A34, A35, A36 use ADT_A30 in v2.3–2.5)
  'ADT^A34': 'ADT_A30',
  'ADT^A18': 'ADT_A18',
  // v2.5.1 3.3.44: A44 uses ADT_A43 (the IG's MessageStructure map names an ADT_A44 no version defines)
  'ADT^A44': 'ADT_A43',
  // v2.3's pharmacy encoded order (RDE_O01) has the groups of RDE_O11 (ORC, RXO, RXE, RXR, OBX)
  'RDE^O01': 'RDE_O11',
  // v2.3 numbered every pharmacy message O01 (v2.3 4.8); its dispense, give and administration have the groups of
  // v2.4's RDS_O13, RGV_O15 and RAS_O17 (ORC, the RXO/RXE order detail, then RXD / {RXG} / {RXA} with RXR, RXC,
  // OBX), without the TQ1 timing groups v2.3 did not have (review 55 R55-R1: a v2.3 dispense was refused)
  'RDS^O01': 'RDS_O13',
  'RGV^O01': 'RGV_O15',
  'RAS^O01': 'RAS_O17',
  'ADT^A35': 'ADT_A30',
  'ADT^A36': 'ADT_A30',
  'ADT^A04': 'ADT_A01',
  'ADT^A08': 'ADT_A01',
  'ADT^A13': 'ADT_A01',
};
