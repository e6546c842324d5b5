/**
 * The report's figures (times, pages, setups, counts): each shows its value, where it came from, and
 * whether the AD corrected it; a writer types over a derived value to correct it and can go back to it.
 */
import type { DprFigureValue, DprReport } from '../../../../shared/calc/dpr';
import { parseEighths } from '../../../../shared/calc/eighths';
import { ModelError } from '../../../../shared/model/errors';
import type { DprFigure } from '../../../../shared/model/dpr';
import { DPR_FIGURE_LABELS, figureText } from '../../../../shared/pdf/dpr';
import { DprField } from './DprField';

/** What a person types for a figure, as the model stores it (eighths and screen seconds are numbers). */
export function parseFigure(figure: DprFigure, unit: DprFigureValue['unit'], text: string): string | number {
  const t = text.trim();
  if (unit === 'clock' || unit === 'text') return unit === 'clock' ? t : text;
  if (unit === 'eighths') {
    const eighths = parseEighths(t);
    if (eighths === null) throw new ModelError(figure, `type pages like 2 3/8; got ${JSON.stringify(t)}`);
    return eighths;
  }
  if (unit === 'seconds') {
    const m = /^(\d{1,3}):([0-5]\d)$/.exec(t);
    if (!m)
      throw new ModelError(
        figure,
        `type screen time as minutes:seconds, like 2:35; got ${JSON.stringify(t)}`,
      );
    return Number(m[1]) * 60 + Number(m[2]);
  }
  if (!/^\d+$/.test(t)) throw new ModelError(figure, `type a whole number; got ${JSON.stringify(t)}`);
  return Number(t);
}

export function DprFigures(props: {
  report: DprReport;
  names: readonly DprFigure[];
  readOnly: boolean;
  onSet: (figure: DprFigure, value: string | number | null) => void;
}) {
  return (
    <ul className="dpr-figures">
      {props.names.map((name) => {
        const figure = props.report.figures[name];
        const shown =
          figure.value === null ? '' : figure.unit === 'clock' ? String(figure.value) : figureText(figure);
        return (
          <li key={name} className={figure.corrected ? 'corrected' : ''}>
            <DprField
              label={DPR_FIGURE_LABELS[name]}
              value={shown}
              readOnly={props.readOnly}
              placeholder={figure.unit === 'clock' ? 'HH:MM' : undefined}
              inputMode={figure.unit === 'clock' || figure.unit === 'text' ? 'text' : 'numeric'}
              onCommit={(text) =>
                props.onSet(name, text.trim() === '' ? null : parseFigure(name, figure.unit, text))
              }
              hint={
                <span className={`dpr-source ${figure.corrected ? 'dpr-corrected' : 'muted'}`}>
                  {figure.source}
                </span>
              }
            />
            {figure.corrected && !props.readOnly && (
              <button type="button" className="btn small" onClick={() => props.onSet(name, null)}>
                Use {figure.derived === null ? 'none' : figureText({ ...figure, value: figure.derived })}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
