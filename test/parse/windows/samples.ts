/** Real Windows event texts more than one test reads, verbatim as posted (each with its source). */

// https://github.com/restic/restic/issues/5169 (Snshadow, 2024-12-02; verbatim, wrapped and unindented as posted)
export const VSS_8194_WRAPPED = `Volume Shadow Copy Service error: Unexpected error querying for the
IVssWriterCallback interface. hr = 0x80070005, Access is denied.
. This is often caused by incorrect security settings in either the writer or requestor process.

Operation:
Gathering Writer Data

Context:
Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}
Writer Name: System Writer
Writer Instance ID: {325f1613-7240-49af-865e-82927f406f7a}
`;
