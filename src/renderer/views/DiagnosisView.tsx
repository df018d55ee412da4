import { useApp } from '../state/store';

export function DiagnosisView() {
  const result = useApp((s) => s.result);
  if (!result) return null;
  const detected = result.findings.filter((f) => f.verdict === 'detected');
  return (
    <section className="diagnosis" aria-label="Diagnosis">
      <div className="verdict" data-testid="verdict">
        <h2>{result.verdict.cause ? detected[0]?.title : 'No cause detected'}</h2>
        <p>{result.verdict.summary}</p>
      </div>
      <p data-testid="file-count">
        {result.files.length} files from {result.inputs.length} input{result.inputs.length === 1 ? '' : 's'}
      </p>
    </section>
  );
}
