import { isDeepStrictEqual } from 'node:util';
import type { Target } from './cannon.js';
import type { RunningServer, ServerName } from './servers.js';

/** Xingfu's internal query: a page of households → members → enrollments → program → last 12 payments. */
export const XINGFU_QUERY = `query NestedRead($regionCode: String, $first: Int) {
  households(regionCode: $regionCode, first: $first) {
    edges { node {
      publicId
      members { relation person { name idNumber } }
      enrollments { status program { name } payments { month amount kind } }
    } }
  }
}`;

/**
 * The same read in PostGraphile's (amber) naming: households of the county by primary key, current
 * members (end_date is null) by primary key, enrollments newest first, the 12 latest payments.
 */
export const POSTGRAPHILE_QUERY = `query NestedRead($countyCode: String!, $first: Int!) {
  allHouseholds(first: $first, condition: { countyCode: $countyCode }, orderBy: PRIMARY_KEY_ASC) {
    nodes {
      publicId
      householdMembersByHouseholdId(condition: { endDate: null }, orderBy: PRIMARY_KEY_ASC) {
        nodes { relation personByPersonId { name idNumber } }
      }
      enrollmentsByHouseholdId(orderBy: [START_MONTH_DESC, ROW_ID_DESC]) {
        nodes {
          status
          programByProgramCode { name }
          paymentsByEnrollmentId(first: 12, orderBy: [MONTH_DESC, ROW_ID_DESC]) { nodes { month amountFen kind } }
        }
      }
    }
  }
}`;

export function nestedReadTarget(server: RunningServer, countyCode: string, first: number, token: string): Target {
  switch (server.name) {
    case 'xingfu':
      return {
        url: `${server.baseUrl}/graphql`,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: XINGFU_QUERY, variables: { regionCode: countyCode, first } }),
      };
    case 'postgraphile':
      return {
        url: `${server.baseUrl}/graphql`,
        headers: {},
        body: JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { countyCode, first } }),
      };
    case 'ceiling':
      return { url: `${server.baseUrl}/nested`, headers: {}, body: JSON.stringify({ variables: { regionCode: countyCode, first } }) };
  }
}

/** The shape all three answers are normalised to before they are compared. */
export interface CanonicalHousehold {
  publicId: string;
  members: { relation: string; name: string; idNumber: string }[];
  enrollments: { status: string; program: string; payments: { month: string; amountFen: string; kind: string }[] }[];
}

interface XingfuBody {
  errors?: unknown[];
  data?: {
    households: {
      edges: {
        node: {
          publicId: string;
          members: { relation: string; person: { name: string; idNumber: string } }[];
          enrollments: { status: string; program: { name: string }; payments: { month: string; amount: string; kind: string }[] }[];
        };
      }[];
    };
  };
}

interface PostGraphileBody {
  errors?: unknown[];
  data?: {
    allHouseholds: {
      nodes: {
        publicId: string;
        householdMembersByHouseholdId: { nodes: { relation: string; personByPersonId: { name: string; idNumber: string } }[] };
        enrollmentsByHouseholdId: {
          nodes: {
            status: string;
            programByProgramCode: { name: string };
            paymentsByEnrollmentId: { nodes: { month: string; amountFen: string; kind: string }[] };
          }[];
        };
      }[];
    };
  };
}

/** "1250.01" → "125001", "-3.20" → "-320": money compared in fen, exactly. */
export function yuanToFen(yuan: string): string {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(yuan);
  if (!match) throw new Error(`not a money amount: ${yuan}`);
  return (BigInt(`${match[2]}${match[3]}`) * (match[1] ? -1n : 1n)).toString();
}

function refuseErrors(server: ServerName, body: { errors?: unknown[]; data?: unknown }): void {
  if (body.errors?.length || !body.data)
    throw new Error(`${server} answered errors: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
}

/** Normalises an answer of any of the three servers (enum case, month, money in fen). */
export function canonical(server: ServerName, body: unknown): CanonicalHousehold[] {
  if (server === 'postgraphile') {
    const typed = body as PostGraphileBody;
    refuseErrors(server, typed);
    return typed.data!.allHouseholds.nodes.map((h) => ({
      publicId: h.publicId,
      members: h.householdMembersByHouseholdId.nodes.map((m) => ({
        relation: m.relation.toLowerCase(),
        name: m.personByPersonId.name,
        idNumber: m.personByPersonId.idNumber,
      })),
      enrollments: h.enrollmentsByHouseholdId.nodes.map((e) => ({
        status: e.status.toLowerCase(),
        program: e.programByProgramCode.name,
        payments: e.paymentsByEnrollmentId.nodes.map((p) => ({
          month: p.month.slice(0, 7),
          amountFen: p.amountFen,
          kind: p.kind.toLowerCase(),
        })),
      })),
    }));
  }
  const typed = body as XingfuBody;
  refuseErrors(server, typed);
  return typed.data!.households.edges.map(({ node: h }) => ({
    publicId: h.publicId,
    members: h.members.map((m) => ({ relation: m.relation.toLowerCase(), name: m.person.name, idNumber: m.person.idNumber })),
    enrollments: h.enrollments.map((e) => ({
      status: e.status.toLowerCase(),
      program: e.program.name,
      payments: e.payments.map((p) => ({ month: p.month, amountFen: yuanToFen(p.amount), kind: p.kind.toLowerCase() })),
    })),
  }));
}

/** Where two values first differ (a path like [3].enrollments[0].payments[2].amountFen), or null. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return `${path}.length`;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

export interface PageShape {
  households: number;
  members: number;
  enrollments: number;
  payments: number;
}

export function pageShape(page: CanonicalHousehold[]): PageShape {
  const enrollments = page.flatMap((h) => h.enrollments);
  return {
    households: page.length,
    members: page.reduce((n, h) => n + h.members.length, 0),
    enrollments: enrollments.length,
    payments: enrollments.reduce((n, e) => n + e.payments.length, 0),
  };
}
