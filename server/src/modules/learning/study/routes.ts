import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Heartbeat, HeartbeatResult } from '../../../../../contracts/learning/study.ts';
import { recordHeartbeat } from './record-heartbeat.ts';

const tags = ['study 学时'];

export async function studyRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/study/heartbeats',
    {
      // a beat every 15 s per member studying: the login session is read at most every 10 s
      config: { access: 'study.attend', sessionKeptMs: 10_000 },
      schema: {
        tags,
        summary:
          '学习心跳（每15秒，页面可见且在前台、视频在播放时）：服务器按规则认定学时，一名党员同一时间只有一台设备计时',
        body: Heartbeat,
        response: { 200: HeartbeatResult },
      },
    },
    async (req) => {
      const { memberId, ...answer } = await recordHeartbeat(req.ctx, req.body);
      // every beat that earns nothing says why, in the log (the answer says it to the device)
      if (answer.credited === 0)
        req.log.info(
          { study: { member: memberId, course: req.body.courseId, seq: answer.seq, reason: answer.reason } },
          'study beat earned nothing',
        );
      return answer;
    },
  );
}
