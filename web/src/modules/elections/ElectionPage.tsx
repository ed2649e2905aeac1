import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Radio,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { BallotChoices, Election } from '../../../../contracts/elections/elections.ts';
import { download, errorMessage } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';
import {
  electionApi,
  electionKeys,
  type RollEntry,
  useElection,
  useProgress,
  useResult,
  useRoll,
  useVerify,
} from './api.ts';
import { ElectionForm } from './ElectionForm.tsx';
import { STATE_COLOR } from './ElectionsPage.tsx';
import { ResultFigures } from './ResultFigures.tsx';
import './i18n.ts';

const ResultChart = lazy(() => import('./ResultChart.tsx'));

/**
 * One election (console): its list and approval, then while voting the live numbers, the roll
 * (issue paper ballots at the door) and the tellers' entry of paper ballots; once closed the
 * count, its chart, the verification, the result sheet and the big-screen count.
 */
export default function ElectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const one = useElection(id);
  const e = one.data;
  const [editing, setEditing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: electionKeys.one(id) });
  const act = useMutation({
    mutationFn: (a: () => Promise<Election>) => a(),
    onSuccess: (next) => {
      if (next.id !== id) navigate(`/elections/${next.id}`);
      refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  useEffect(() => {
    document.title = `${e?.title ?? t('elections.title')} · ${t('app.title')}`;
  }, [t, e?.title]);
  if (one.isError) return <Typography.Text type="danger">{errorMessage(one.error)}</Typography.Text>;
  if (!e) return <Spin />;
  const go = (a: () => Promise<Election>) => act.mutate(a);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="election-page">
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {e.title}{' '}
          <Tag color={STATE_COLOR[e.state]} data-testid="election-state">
            {t(`elections.state.${e.state}`)}
          </Tag>
        </Typography.Title>
        <Typography.Text type="secondary">
          {e.orgName} · {t(`elections.kind.${e.kind}`)}
          {e.kind !== 'appraisal' && ` · ${t('elections.col.seats')} ${e.seats}`}
          {e.round > 1 && ` · ${t('elections.col.round')} ${e.round}`}
        </Typography.Text>
      </div>
      <Flex gap={8} wrap>
        {e.can.edit && e.kind !== 'appraisal' && (
          <Button onClick={() => setEditing(true)}>{t('elections.act.edit')}</Button>
        )}
        {e.can.submit && (
          <Button
            type="primary"
            onClick={() => go(() => electionApi.act(id, 'submit'))}
            data-testid="election-submit"
          >
            {t('elections.act.submit')}
          </Button>
        )}
        {e.can.approve && (
          <>
            <Button
              type="primary"
              onClick={() => go(() => electionApi.approve(id, true))}
              data-testid="election-approve"
            >
              {t('elections.act.approve')}
            </Button>
            <Button onClick={() => go(() => electionApi.approve(id, false))}>
              {t('elections.act.return')}
            </Button>
          </>
        )}
        {e.can.open && (
          <Button
            type="primary"
            onClick={() => go(() => electionApi.act(id, 'open'))}
            data-testid="election-open"
          >
            {t('elections.act.open')}
          </Button>
        )}
        {e.can.close && (
          <Popconfirm
            title={t('elections.confirmClose')}
            onConfirm={() => go(() => electionApi.act(id, 'close'))}
            okButtonProps={{ 'data-testid': 'election-close-ok' } as Record<string, string>}
          >
            <Button danger type="primary" data-testid="election-close">
              {t('elections.act.close')}
            </Button>
          </Popconfirm>
        )}
        {e.state === 'closed' && (
          <>
            <Link to={`/elections/${id}/screen`}>
              <Button type="primary" data-testid="election-screen">
                {t('elections.act.screen')}
              </Button>
            </Link>
            <Button
              onClick={() =>
                void download(`/elections/${id}/result.docx`, undefined, 'result.docx').catch((err) =>
                  message.error(errorMessage(err)),
                )
              }
            >
              {t('elections.act.docx')}
            </Button>
          </>
        )}
        {e.can.approveResult && (
          <Button
            onClick={() => go(() => electionApi.act(id, 'approve-result'))}
            data-testid="election-approve-result"
          >
            {t('elections.act.approveResult')}
          </Button>
        )}
        {e.can.nextRound && (
          <Button onClick={() => go(() => electionApi.act(id, 'next-round'))}>
            {t('elections.act.nextRound')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={1}>
          {e.approvedBy && (
            <Descriptions.Item label="✓">
              {t('elections.approvedBy', { who: e.approvedBy })}
            </Descriptions.Item>
          )}
          {e.resultApprovedBy && (
            <Descriptions.Item label="✓">
              {t('elections.resultApprovedBy', { who: e.resultApprovedBy })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('elections.result.candidate')}>
            <span data-testid="election-candidates">
              {e.candidates
                .map((c) =>
                  c.office === 'member' ? c.name : `${c.name}（${t(`elections.office.${c.office}`)}）`,
                )
                .join('、') || '—'}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {(e.state === 'open' || e.state === 'closed') && <ProgressCard e={e} />}
      {e.state === 'open' && e.can.tell && (
        <>
          <RollCard e={e} />
          <PaperCard e={e} />
        </>
      )}
      {e.state === 'closed' && <ResultCard e={e} />}
      {editing && (
        <ElectionForm
          editing={e}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            refresh();
          }}
        />
      )}
    </Space>
  );
}

function ProgressCard({ e }: { e: Election }) {
  const { t } = useTranslation();
  const p = useProgress(e.id, e.state === 'open');
  return (
    <Card size="small" title={t('elections.progress.title')} data-testid="election-progress">
      {p.data && (
        <Flex gap={32} wrap style={{ fontSize: 20 }}>
          <span>
            {t('elections.progress.entitled')} <b data-testid="progress-entitled">{p.data.entitled}</b>
          </span>
          <span>
            {t('elections.progress.voted')} <b data-testid="progress-voted">{p.data.voted}</b>
          </span>
          <span>
            {t('elections.progress.ballots')} <b data-testid="progress-ballots">{p.data.ballots}</b>
          </span>
          {p.data.paperWaiting > 0 && (
            <span>
              {t('elections.progress.paperWaiting')} <b>{p.data.paperWaiting}</b>
            </span>
          )}
        </Flex>
      )}
      <Typography.Text type="secondary">{t('elections.progress.note')}</Typography.Text>
    </Card>
  );
}

function RollCard({ e }: { e: Election }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const roll = useRoll(e.id, true);
  const issue = useMutation({
    mutationFn: (memberId: string) => electionApi.issuePaper(e.id, memberId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: electionKeys.one(e.id) }),
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card size="small" title={t('elections.roll.title')}>
      <Table<RollEntry>
        rowKey="memberId"
        size="small"
        data-testid="election-roll"
        dataSource={roll.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('elections.col.title'), dataIndex: 'name' },
          {
            title: t('elections.col.state'),
            dataIndex: 'voted',
            render: (v: RollEntry['voted'], r) =>
              v ? (
                <Tag color={v === 'online' ? 'green' : 'blue'}>{t(`elections.roll.${v}`)}</Tag>
              ) : (
                <Button size="small" onClick={() => issue.mutate(r.memberId)} data-testid={`issue-${r.name}`}>
                  {t('elections.roll.issue')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 计票人录入: the paper's number, a mark per candidate, names written in; the server pairs two tellers' entries. */
function PaperCard({ e }: { e: Election }) {
  const { t } = useTranslation();
  const [paperNo, setPaperNo] = useState('');
  const [marks, setMarks] = useState<BallotChoices['marks']>({});
  const [writeIns, setWriteIns] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const appraisal = e.kind === 'appraisal';
  const enter = useMutation({
    mutationFn: () =>
      electionApi.enterPaper(e.id, paperNo.trim(), {
        marks,
        writeIns: writeIns
          .split(/[、,，\s]+/)
          .map((w) => w.trim())
          .filter(Boolean),
      }),
    onSuccess: (r) => {
      setSaid({ ok: true, text: t(`elections.paper.${r.state}`, { no: r.paperNo }) });
      setPaperNo('');
      setMarks({});
      setWriteIns('');
      void queryClient.invalidateQueries({ queryKey: electionKeys.one(e.id) });
    },
    onError: (err) => setSaid({ ok: false, text: errorMessage(err) }),
  });
  const options = appraisal
    ? (['excellent', 'qualified', 'basic', 'unqualified'] as const)
    : (['yes', 'no', 'abstain'] as const);
  return (
    <Card size="small" title={t('elections.paper.title')} data-testid="paper-card">
      <Typography.Paragraph type="secondary">{t('elections.paper.hint')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          addonBefore={t('elections.paper.no')}
          value={paperNo}
          onChange={(ev) => setPaperNo(ev.target.value)}
          style={{ maxWidth: 320 }}
          data-testid="paper-no"
        />
        {e.candidates.map((c) => (
          <Flex key={c.id} gap={12} align="center" wrap>
            <span style={{ minWidth: 96 }}>{c.name}</span>
            <Radio.Group
              value={marks[c.id]}
              onChange={(ev) => setMarks((m) => ({ ...m, [c.id]: ev.target.value }))}
              optionType="button"
              data-testid={`paper-${c.name}`}
              options={options.map((o) => ({
                value: o,
                label: appraisal ? t(`elections.grade.${o}`) : t(`elections.mark.${o}`),
              }))}
            />
          </Flex>
        ))}
        {!appraisal && (
          <Input
            addonBefore={t('elections.paper.writeIns')}
            value={writeIns}
            onChange={(ev) => setWriteIns(ev.target.value)}
            style={{ maxWidth: 480 }}
          />
        )}
        <Button
          type="primary"
          disabled={!paperNo.trim()}
          loading={enter.isPending}
          onClick={() => enter.mutate()}
          data-testid="paper-enter"
        >
          {t('elections.paper.enter')}
        </Button>
        {said && (
          <Typography.Text type={said.ok ? 'success' : 'danger'} data-testid="paper-said">
            {said.text}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function ResultCard({ e }: { e: Election }) {
  const { t } = useTranslation();
  const r = useResult(e.id, true);
  const v = useVerify(e.id, true);
  return (
    <Card size="small" title={t('elections.result.title')} data-testid="election-result">
      {r.isError && <Typography.Text type="danger">{errorMessage(r.error)}</Typography.Text>}
      {r.data && (
        <Flex gap={24} wrap>
          <div style={{ flex: '1 1 360px' }}>
            <ResultFigures r={r.data} />
          </div>
          {r.data.kind !== 'appraisal' && (
            <div style={{ flex: '1 1 360px' }}>
              <Suspense fallback={<Spin />}>
                <ResultChart r={r.data} label={t('elections.result.chart')} />
              </Suspense>
            </div>
          )}
        </Flex>
      )}
      {v.data && (
        <Typography.Paragraph
          type={v.data.chainVerified && v.data.tallyVerified ? 'success' : 'danger'}
          data-testid="election-verify"
        >
          {t('elections.verify.title')}：
          {v.data.chainVerified && v.data.tallyVerified
            ? t('elections.verify.ok')
            : t('elections.verify.bad')}
          （{t('elections.verify.ballots', { n: v.data.ballots })}）
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
        {t('elections.result.chainHead')}：{e.chainHead}
      </Typography.Text>
    </Card>
  );
}
