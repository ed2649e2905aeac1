import Fastify from 'fastify';

// The HTTP ceiling on this machine: Fastify answering a constant, nothing else.
const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
