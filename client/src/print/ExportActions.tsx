/**
 * The board header's exports: CSV from the server (following what the board shows, e.g. the cost report's
 * period) and "Print / PDF" made on the device. A chunk of its own, so none of it weighs on the first load.
 * Only boards with a CSV export show the CSV button (API.md C4); the breakdown and the shot list also take
 * their own CSV back ("Import CSV") from those who may write them.
 */
import { BOARD_LABELS, CSV_EXPORTS, type Board } from '../../../shared/boards';
import { exportPath, importPath } from '../api/downloads';
import { ExportButton } from '../ui/ExportButton';
import { ImportButton } from '../ui/ImportButton';
import { useBoardView } from './board-view';
import { PrintButton, type PrintButtonProps } from './PrintButton';

/** The cost report's import takes budget lines, not the report this header exports: it is not offered here. */
const ROUND_TRIP_IMPORTS: readonly Board[] = ['breakdown', 'shotlist'];

export default function ExportActions(props: PrintButtonProps) {
  const { productionId, board, token } = props;
  const view = useBoardView(board);
  const query: Record<string, string> =
    board === 'costreport' && view.from && view.to ? { from: view.from, to: view.to } : {};
  const label = BOARD_LABELS[board].toLowerCase();
  return (
    <>
      {CSV_EXPORTS.includes(board) && (
        <ExportButton
          path={exportPath(productionId, board, 'csv', query)}
          token={token}
          label="CSV"
          description={`Download the ${label} as CSV`}
        />
      )}
      {ROUND_TRIP_IMPORTS.includes(board) && props.permissions[board] === 'write' && (
        <ImportButton
          path={importPath(productionId, board)}
          token={token}
          description={`Add or update the ${label} from a CSV file (the format the CSV button downloads)`}
        />
      )}
      <PrintButton {...props} />
    </>
  );
}
