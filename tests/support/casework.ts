import { addDays, makeIdNumber, today } from '@xingfu/domain';
import type { TestApi } from './graphql-client.js';

let sequence = 100;

/** A synthetic, valid ID number for a birth date in 济阳区, unique within the run. */
export function idNumberFor(birthDate: string, county = '370115'): string {
  sequence += 2;
  return makeIdNumber(county, birthDate, sequence);
}

export const noticePostedDaysAgo = (days: number): string => addDays(today(), -days);

/** Runs a GraphQL operation and fails the test with its errors when it has any. */
export async function ok<T>(api: TestApi, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await api.query<T>('/graphql', query, { token, variables });
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** Runs an operation expected to be refused; returns the first error. */
export async function refused(api: TestApi, token: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await api.query('/graphql', query, { token, variables });
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.['code'] as string, message: error.message, data: result.data };
}

export const REGISTER = `mutation Register($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) { household { id publicId members { id relation person { id name idNumber sex birthDate } } } }
}`;
export const SUBMIT = `mutation Submit($input: SubmitApplicationInput!) { submitApplication(input: $input) { application { id status } } }`;
export const ACCEPT = `mutation Accept($id: ID!) { acceptApplication(input: { applicationId: $id }) { application { id status } } }`;
export const VERIFY = `mutation Verify($input: VerifyApplicationInput!) {
  verifyApplication(input: $input) { application { id status countedIncome perCapitaIncome assessedAmount householdSize coveredMembers } }
}`;
export const INVESTIGATE = `mutation Investigate($id: ID!) {
  investigateApplication(input: { applicationId: $id, notes: "入户核实：住房、家庭成员与申报一致" }) { application { id status } }
}`;
export const PUBLICIZE = `mutation Publicize($id: ID!, $start: Date) {
  publicizeApplication(input: { applicationId: $id, startDate: $start }) { application { id status publicityEnd } }
}`;
export const APPROVE = `mutation Approve($input: ApproveApplicationInput!) {
  approveApplication(input: $input) { application { id status } enrollment { id startMonth coveredMembers perCapitaIncome status } payment { id amount kind } }
}`;
export const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectApplication(input: { applicationId: $id, reason: $reason }) { application { id status } } }`;
export const SET_STANDARD = `mutation SetStandard($input: SetStandardInput!) { setStandard(input: $input) { standard { id effectiveMonth amount } } }`;
export const GENERATE = `mutation Generate($input: GeneratePayrollInput!) { generatePayroll(input: $input) { batch { id month status paymentCount total } } }`;
export const APPROVE_PAYROLL = `mutation ApprovePayroll($id: ID!) { approvePayroll(input: { batchId: $id }) { batch { id status } } }`;
