// How a case's codes read on every page: its category, grade, tier and status in the page's language.
import type { Catalogue } from '../api/incidents';
import { common, named } from '../i18n';

export function categoryName(catalogue: Catalogue, code: string): string {
  return named(catalogue.categories.find((c) => c.code === code), code);
}

/** The grade's name alone: "重大". */
export function gradeName(catalogue: Catalogue, code: string, fallback = ''): string {
  return named(catalogue.grades.find((g) => g.code === code), fallback);
}

/** Code and name: "II 重大". */
export function gradeText(catalogue: Catalogue, code: string): string {
  return `${code} ${gradeName(catalogue, code)}`;
}

export function tierName(tier: string | null | undefined): string {
  return tier ? common(`tier_${tier}` as 'tier_village') : '';
}

export function statusName(status: string): string {
  return common(`status_${status}` as 'status_filed');
}
