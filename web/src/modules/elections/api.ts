import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type {
  BallotChoices,
  Election,
  MyElections,
  ResultSheet,
  SaveElection,
} from '../../../../contracts/elections/elections.ts';
import { api } from '../../app/api.ts';

// 选举与民主评议: hooks typed from contracts/elections (types only: no zod at run time, so the
// member screens stay light).

export type Bulletin = {
  electionId: string;
  title: string;
  chainHead: string;
  candidates: Election['candidates'];
  ballots: { position: number; trackingCode: string; choices: BallotChoices; valid: boolean; hash: string }[];
};
export type Verification = {
  chainVerified: boolean;
  tallyVerified: boolean;
  ballots: number;
  chainHead: string;
  recomputedHead: string;
};
export type Progress = {
  state: Election['state'];
  entitled: number;
  voted: number;
  ballots: number;
  paperIssued: number;
  paperWaiting: number;
};
export type RollEntry = { memberId: string; name: string; voted: 'online' | 'paper' | null };

export const electionKeys = {
  all: ['elections'] as const,
  list: (f: object) => ['elections', 'list', f] as const,
  one: (id: string) => ['elections', 'one', id] as const,
  mine: ['my-elections'] as const,
};

export type ElectionFilter = { orgId?: string; view: 'all' | 'approvals'; page: number; pageSize: number };

export function useElections(f: ElectionFilter) {
  return useQuery({
    queryKey: electionKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Election>>('/elections', f, signal),
    placeholderData: keepPreviousData,
  });
}

export function useElection(id: string) {
  return useQuery({
    queryKey: electionKeys.one(id),
    queryFn: ({ signal }) => api.get<Election>(`/elections/${id}`, undefined, signal),
  });
}

/** While voting is open: how many have voted, every few seconds (never what). */
export function useProgress(id: string, live: boolean) {
  return useQuery({
    queryKey: [...electionKeys.one(id), 'progress'],
    queryFn: ({ signal }) => api.get<Progress>(`/elections/${id}/progress`, undefined, signal),
    refetchInterval: live ? 3000 : false,
  });
}

export function useRoll(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...electionKeys.one(id), 'roll'],
    queryFn: ({ signal }) => api.get<{ items: RollEntry[] }>(`/elections/${id}/roll`, undefined, signal),
    enabled,
  });
}

/** The result, the bulletin and the verification: `mine` reads them as a voter on the roll. */
export function useResult(id: string, enabled: boolean, mine = false) {
  return useQuery({
    queryKey: [...electionKeys.one(id), 'result', mine],
    queryFn: ({ signal }) =>
      api.get<ResultSheet>(`${mine ? '/my' : ''}/elections/${id}/result`, undefined, signal),
    enabled,
  });
}
export function useBulletin(id: string, enabled: boolean, mine = false) {
  return useQuery({
    queryKey: [...electionKeys.one(id), 'bulletin', mine],
    queryFn: ({ signal }) =>
      api.get<Bulletin>(`${mine ? '/my' : ''}/elections/${id}/bulletin`, undefined, signal),
    enabled,
  });
}
export function useVerify(id: string, enabled: boolean, mine = false) {
  return useQuery({
    queryKey: [...electionKeys.one(id), 'verify', mine],
    queryFn: ({ signal }) =>
      api.get<Verification>(`${mine ? '/my' : ''}/elections/${id}/verify`, undefined, signal),
    enabled,
  });
}

export function useMyElections() {
  return useQuery({
    queryKey: electionKeys.mine,
    queryFn: ({ signal }) => api.get<MyElections>('/my/elections', undefined, signal),
    refetchInterval: 30_000,
  });
}

export const electionApi = {
  create: (body: SaveElection) => api.post<Election>('/elections', body),
  update: (id: string, body: SaveElection) => api.put<Election>(`/elections/${id}`, body),
  act: (id: string, action: 'submit' | 'open' | 'close' | 'approve-result' | 'next-round') =>
    api.post<Election>(`/elections/${id}/${action}`),
  approve: (id: string, approve: boolean) => api.post<Election>(`/elections/${id}/approve`, { approve }),
  issuePaper: (id: string, memberId: string) =>
    api.post<RollEntry>(`/elections/${id}/paper/issue`, { memberId }),
  enterPaper: (id: string, paperNo: string, choices: BallotChoices) =>
    api.post<{ paperNo: string; state: 'waiting' | 'counted' }>(`/elections/${id}/paper/entries`, {
      paperNo,
      choices,
    }),
  cast: (id: string, choices: BallotChoices) =>
    api.post<{ trackingCode: string; note: string }>(`/elections/${id}/ballots`, choices),
};
