/**
 * The board header's exports: CSV from the server (following what the board shows, e.g. the cost report's
 * period) and "Print / PDF" made on the device. A chunk of its own, so none of it weighs on the first load.
 */
import { BOARD_LABELS } from '../../../shared/boards';
import { exportPath } from '../api/downloads';
import { ExportButton } from '../ui/ExportButton';
import { useBoardView } from './board-view';
import { PrintButton, type PrintButtonProps } from './PrintButton';

export default function ExportActions(props: PrintButtonProps) {
  const { productionId, board, token } = props;
  const view = useBoardView(board);
  const query: Record<string, string> =
    board === 'costreport' && view.from && view.to ? { from: view.from, to: view.to } : {};
  return (
    <>
      <ExportButton
        path={exportPath(productionId, board, 'csv', query)}
        token={token}
        label="CSV"
        description={`Download the ${BOARD_LABELS[board].toLowerCase()} as CSV`}
      />
      <PrintButton {...props} />
    </>
  );
}
