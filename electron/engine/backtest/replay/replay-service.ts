import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ReplayInputSchema, ReplayResult } from '../../../../shared/contract/optimize.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { AlertCommand } from '../../../../shared/domain/webhook.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Database } from '../../persistence/database.ts';
import { loadSeries } from '../optimize/series.ts';
import { thinCurve } from '../thin-curve.ts';
import { parseAlertCsv } from './alert-csv.ts';
import { replayAlerts } from './replay.ts';
import { alertOfCommand, type ReplayAlert } from './replay-alert.ts';

type ReplayInput = z.output<typeof ReplayInputSchema>;

/** Points of the equity curve returned for the chart (the metrics use every bar). */
const CURVE_POINTS = 4000;

/** A bot's stored alerts received in [from, to), oldest first: every alert the listener validated and kept, whatever came of it live. */
async function storedAlerts(db: Kysely<Database>, botId: string, from: number, to: number): Promise<ReplayAlert[]> {
  const rows = await db.selectFrom('alerts').select(['receivedAt', 'commandJson']).where('botId', '=', botId).where('receivedAt', '>=', from).where('receivedAt', '<', to).orderBy('receivedAt').orderBy('id').execute();
  return rows.map((row) => alertOfCommand(row.receivedAt, JSON.parse(row.commandJson) as AlertCommand));
}

/** "What would these alerts have done with a 2 % stop instead of 3 %?" over the candle store. */
export class ReplayService {
  readonly #db: Kysely<Database>;
  readonly #instruments: () => readonly Instrument[];

  constructor(deps: { db: Kysely<Database>; instruments: () => readonly Instrument[] }) {
    this.#db = deps.db;
    this.#instruments = deps.instruments;
  }

  async replay(input: ReplayInput): Promise<Result<ReplayResult>> {
    const { source } = input;
    const alerts = source.kind === 'csv' ? parseAlertCsv(source.text) : ok(await storedAlerts(this.#db, source.botId, input.from, input.to));
    if (!alerts.ok) return alerts;
    if (alerts.value.length === 0 && source.kind === 'bot') {
      return fail('NOT_FOUND', `Bot ${source.botId} has no stored alerts received from ${new Date(input.from).toISOString()} to ${new Date(input.to).toISOString()}`);
    }
    const series = await loadSeries(this.#db, this.#instruments(), input);
    if (!series.ok) return series;
    const replayed = replayAlerts(series.value.candles, alerts.value, { ...series.value.options, stopLoss: input.stopLoss, takeProfit: input.takeProfit });
    if (!replayed.ok) return replayed;
    const { metrics, trades, openTrade, alerts: count, outsideCandles, ignored, ts, equity } = replayed.value;
    return ok({ metrics, trades, openTrade, alerts: count, outsideCandles, ignored, equity: thinCurve(ts, equity, CURVE_POINTS) });
  }
}
