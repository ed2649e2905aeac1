import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Result,
  Segmented,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { StationSession } from '../../../../../contracts/learning/stations.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import {
  stationApi,
  stationKeys,
  useMyStations,
  useStation,
  useStationCourses,
  useStationPeople,
} from './api.ts';
import './i18n.ts';
import './stations.css';

const MINUTES = [30, 45, 60, 90, 120];

/** "YYYY-MM-DDTHH:mm" of a datetime-local box, in the browser's own zone (Beijing time here). */
const localInput = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/**
 * 登记集中学习 (the operator's form): a village operator on a cheap phone or the station's PC, so
 * one question at a time with big targets — what was played (a course of the library or a title),
 * when it started, how long, who came (every member of the village is a tile), a photo if at hand.
 * Saving credits each attendee and adds the minutes to the station's month.
 */
export default function SessionPage() {
  const { t } = useTranslation();
  const { id: routeId } = useParams();
  const navigate = useNavigate();
  const mine = useMyStations();
  const stations = mine.data?.items ?? [];
  const id = routeId ?? (stations.length === 1 ? stations[0].id : undefined);
  const station = useStation(id);
  useEffect(() => {
    document.title = `${t('stations.session.title')} · ${t('app.title')}`;
  }, [t]);

  if (!routeId && mine.isLoading) return <Spin />;
  if (!id)
    return (
      <Flex vertical gap={16} className="hy-op">
        <Typography.Title level={3} className="hy-page-title">
          {t('stations.session.title')}
        </Typography.Title>
        {mine.error ? (
          <Alert type="error" title={errorMessage(mine.error)} />
        ) : stations.length ? (
          <>
            <p className="hy-op-step">{t('stations.session.pickStation')}</p>
            {stations.map((s) => (
              <button
                key={s.id}
                type="button"
                className="hy-op-course"
                onClick={() => navigate(`/stations/${s.id}/session`)}
                data-testid={`op-station-${s.id}`}
              >
                {s.name}
              </button>
            ))}
          </>
        ) : (
          <Alert type="info" title={t('stations.session.noStation')} />
        )}
      </Flex>
    );
  return (
    <Flex vertical gap={16} className="hy-op">
      <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 0 }}>
        {t('stations.session.title')}
        {station.data ? ` · ${station.data.name}` : ''}
      </Typography.Title>
      {station.error ? (
        <Alert type="error" title={errorMessage(station.error)} />
      ) : (
        <SessionForm key={id} stationId={id} />
      )}
    </Flex>
  );
}

function SessionForm({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [source, setSource] = useState<'library' | 'free'>('library');
  const [q, setQ] = useState('');
  const [courseId, setCourseId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState<number | null>(60);
  const [start, setStart] = useState(() => localInput(new Date(Date.now() - 60 * 60_000)));
  const [picked, setPicked] = useState<string[]>([]);
  const [photo, setPhoto] = useState<File | null>(null);
  const [saved, setSaved] = useState<StationSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const courses = useStationCourses(stationId, q.trim());
  const people = useStationPeople(stationId);
  const everyone = useMemo(() => (people.data?.items ?? []).map((p) => p.memberId), [people.data]);

  const save = useMutation({
    mutationFn: async () => {
      const s = await stationApi.record(stationId, {
        courseId: source === 'library' ? courseId : null,
        title: source === 'free' ? title.trim() : '',
        startedAt: new Date(start).toISOString(),
        minutes: minutes ?? 0,
        memberIds: picked,
      });
      return photo ? stationApi.photo(s.id, photo) : s;
    },
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: stationKeys.all });
      setSaved(s);
    },
    onError: (e) => setProblem(errorMessage(e)),
  });

  const submit = () => {
    setProblem(null);
    if (source === 'library' ? !courseId : !title.trim()) return setProblem(t('stations.session.needCourse'));
    if (!picked.length) return setProblem(t('stations.session.needPeople'));
    save.mutate();
  };

  if (saved)
    return (
      <Result
        status="success"
        title={t('stations.session.saved', { count: saved.attendeeCount, minutes: saved.minutes })}
        subTitle={`${saved.title}`}
        extra={
          <Button
            type="primary"
            size="large"
            onClick={() => {
              setSaved(null);
              setPicked([]);
              setPhoto(null);
              message.destroy();
            }}
            data-testid="op-another"
          >
            {t('stations.session.another')}
          </Button>
        }
        data-testid="op-saved"
      />
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <p className="hy-op-step">1. {t('stations.session.what')}</p>
        <Segmented
          size="large"
          block
          value={source}
          onChange={(v) => setSource(v as 'library' | 'free')}
          options={[
            { value: 'library', label: t('stations.session.fromLibrary') },
            { value: 'free', label: t('stations.session.freeTitle') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="op-source"
        />
        {source === 'library' ? (
          <>
            <Input
              size="large"
              allowClear
              placeholder={t('stations.session.searchCourse')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="op-course-search"
            />
            {(courses.data?.items ?? []).slice(0, 8).map((c) => (
              <button
                key={c.id}
                type="button"
                className="hy-op-course"
                aria-pressed={courseId === c.id}
                onClick={() => {
                  setCourseId(c.id);
                  if (c.durationSeconds)
                    setMinutes(Math.max(1, Math.min(480, Math.round(c.durationSeconds / 60))));
                }}
                data-testid={`op-course-${c.id}`}
              >
                {c.title}
              </button>
            ))}
          </>
        ) : (
          <input
            className="hy-op-input"
            maxLength={200}
            placeholder={t('stations.session.typeTitle')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="op-title"
          />
        )}
      </Card>
      <Card>
        <p className="hy-op-step">2. {t('stations.session.when')}</p>
        <input
          className="hy-op-input"
          type="datetime-local"
          value={start}
          max={localInput(new Date())}
          onChange={(e) => setStart(e.target.value)}
          data-testid="op-start"
        />
      </Card>
      <Card>
        <p className="hy-op-step">3. {t('stations.session.howLong')}</p>
        <div className="hy-op-grid">
          {MINUTES.map((m) => (
            <button
              key={m}
              type="button"
              className="hy-op-tile"
              aria-pressed={minutes === m}
              onClick={() => setMinutes(m)}
              data-testid={`op-minutes-${m}`}
            >
              {t('stations.minutes', { minutes: m })}
            </button>
          ))}
        </div>
        <Flex align="center" gap={8} style={{ marginTop: 12 }}>
          <Typography.Text>{t('stations.session.customMinutes')}</Typography.Text>
          <InputNumber size="large" min={1} max={480} precision={0} value={minutes} onChange={setMinutes} />
        </Flex>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <p className="hy-op-step" style={{ margin: 0 }}>
            4. {t('stations.session.who')}{' '}
            <Typography.Text type="secondary">
              {t('stations.session.picked', { count: picked.length })}
            </Typography.Text>
          </p>
          <Space>
            <Button size="large" onClick={() => setPicked(everyone)} data-testid="op-all">
              {t('stations.session.all')}
            </Button>
            <Button size="large" onClick={() => setPicked([])}>
              {t('stations.session.none')}
            </Button>
          </Space>
        </Flex>
        {people.isLoading ? (
          <Spin />
        ) : (
          <div className="hy-op-grid" data-testid="op-people">
            {(people.data?.items ?? []).map((p) => {
              const on = picked.includes(p.memberId);
              return (
                <button
                  key={p.memberId}
                  type="button"
                  className="hy-op-tile"
                  aria-pressed={on}
                  onClick={() =>
                    setPicked(on ? picked.filter((x) => x !== p.memberId) : [...picked, p.memberId])
                  }
                  data-testid={`op-person-${p.memberId}`}
                >
                  {p.name}
                </button>
              );
            })}
          </div>
        )}
      </Card>
      <Card>
        <p className="hy-op-step">5. {t('stations.session.photo')}</p>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
          style={{ fontSize: 18 }}
          aria-label={t('stations.session.takePhoto')}
          data-testid="op-photo"
        />
      </Card>
      {problem && <Alert type="error" title={problem} data-testid="op-problem" />}
      <Button
        type="primary"
        size="large"
        block
        loading={save.isPending}
        onClick={submit}
        data-testid="op-save"
      >
        {t('stations.session.save')}
      </Button>
    </Space>
  );
}
