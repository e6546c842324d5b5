import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { CostReportData } from '../../../../shared/model/costreport';
import type { CostReport } from '../../../../shared/calc/cost-report';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

/** Budget against estimate at final cost per department, and cumulative spend over time. */
export default function CostCharts({ report, data }: { report: CostReport; data: CostReportData }) {
  const labels = report.categories.map((c) => c.key);
  const byDate = new Map<string, number>();
  for (const a of data.actuals) byDate.set(a.date, (byDate.get(a.date) ?? 0) + a.amount);
  for (const p of data.pos)
    if (p.status === 'paid' && p.paidOn) byDate.set(p.paidOn, (byDate.get(p.paidOn) ?? 0) + p.amount);
  const dates = [...byDate.keys()].sort();
  let running = 0;
  const cumulative = dates.map((d) => (running += byDate.get(d) ?? 0) / 100);
  return (
    <div className="charts">
      <figure>
        <figcaption>Budget vs estimate at final cost, by department</figcaption>
        <Bar
          data={{
            labels,
            datasets: [
              {
                label: 'Budget',
                data: report.categories.map((c) => c.budget / 100),
                backgroundColor: '#5b8def',
              },
              { label: 'EFC', data: report.categories.map((c) => c.efc / 100), backgroundColor: '#f4b400' },
            ],
          }}
          options={{ responsive: true, maintainAspectRatio: false, animation: false }}
        />
      </figure>
      <figure>
        <figcaption>Spend to date over time</figcaption>
        <Line
          data={{
            labels: dates,
            datasets: [{ label: 'Actual to date', data: cumulative, borderColor: '#e8453c' }],
          }}
          options={{ responsive: true, maintainAspectRatio: false, animation: false }}
        />
      </figure>
    </div>
  );
}
