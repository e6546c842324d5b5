/**
 * The search box of a board's toolbar: filters as the person types, says how many rows match, and clears
 * with one tap. The matching itself is shared/calc/search.ts; the board decides what a row offers.
 */
export function SearchBox(props: {
  query: string;
  onChange: (query: string) => void;
  /** Rows shown and rows in all, for the count; null while nothing is searched. */
  count: { shown: number; total: number; noun: string } | null;
  placeholder: string;
}) {
  return (
    <div className="search-box" role="search">
      <input
        type="search"
        className="btn search-input"
        aria-label="Search"
        placeholder={props.placeholder}
        value={props.query}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onChange('');
        }}
      />
      {props.query !== '' && (
        <button type="button" className="btn" aria-label="Clear search" onClick={() => props.onChange('')}>
          ✕
        </button>
      )}
      {props.count && (
        <span className="search-count muted" role="status" data-testid="search-count">
          {props.count.shown} of {props.count.total} {props.count.noun}
        </span>
      )}
    </div>
  );
}
