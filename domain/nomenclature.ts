/** `EAVD01`: the type code and a two-digit sequence per type (three digits past 99). */
export function missionCode(typeCode: string, sequence: number): string {
  return `${typeCode}${String(sequence).padStart(2, '0')}`;
}

/** The nomenclature rule: `EAVD01 - Barracuda Muffin`. */
export function displayName(code: string, codeName: string): string {
  return `${code} - ${codeName}`;
}

/** Chat channel name: `eavd01-barracuda-muffin`. */
export function channelName(code: string, codeName: string): string {
  return `${code}-${codeName}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
