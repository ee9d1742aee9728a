// Where a group's scheduled posts go (app.group_destinations): the place an admin chose and the Discord
// channel scans were last posted in. A "place" is a Discord channel id or a Telegram forum topic id.
import type { Sql } from "postgres";

export interface GroupDestination {
  chosenPlace: string | null;
  lastScanPlace: string | null;
}

export async function destinationOf(sql: Sql, groupId: number): Promise<GroupDestination> {
  const [row] = await sql<GroupDestination[]>`
    select chosen_place as "chosenPlace", last_scan_place as "lastScanPlace"
    from app.group_destinations where group_id = ${groupId}`;
  return row ?? { chosenPlace: null, lastScanPlace: null };
}

export async function setChosenPlace(sql: Sql, groupId: number, place: string | null): Promise<void> {
  await sql`
    insert into app.group_destinations (group_id, chosen_place) values (${groupId}, ${place})
    on conflict (group_id) do update set chosen_place = excluded.chosen_place, updated_at = now()`;
}

/** Writes only when the channel changed; a group not known yet (no scan in it ever) is left alone. */
export async function rememberScanPlace(
  sql: Sql,
  platform: string,
  chatId: string,
  place: string,
): Promise<void> {
  await sql`
    insert into app.group_destinations (group_id, last_scan_place)
    select g.id, ${place} from app.groups g where g.platform = ${platform} and g.platform_chat_id = ${chatId}
    on conflict (group_id) do update set last_scan_place = excluded.last_scan_place, updated_at = now()
      where app.group_destinations.last_scan_place is distinct from excluded.last_scan_place`;
}
