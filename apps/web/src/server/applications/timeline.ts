/**
 * How long credentialing takes, in the words the confirmation page and email use. Primary-source
 * verification of each license, the DEA registration, board certification and malpractice cover, plus
 * a National Practitioner Data Bank query, waits on boards and carriers that answer in days to weeks,
 * and a credentialing committee signs off; see docs/clinician-applications.md ("How long review takes").
 */
export const CREDENTIALING_TIME = '2 to 6 weeks';
