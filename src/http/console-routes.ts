import { existsSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { publicRoutes } from './route-permission.js'

export interface ConsoleRoutesOptions {
  /** The Vite build output; tests pass a temporary folder. Default: console/dist of this checkout. */
  distDir?: string
}

// src/http/ (tsx) and dist/http/ (tsc build) are both two levels below the repository root.
export const DEFAULT_CONSOLE_DIST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'console',
  'dist',
)

const NOT_BUILT =
  'The leadflow console is not built. Run `npm run console:build` (npm start and npm run dev do it for you), then reload.\n'

// Vite names every file under assets/ after a hash of its content, so it may be cached forever;
// index.html names the current hashes and must be revalidated on every load.
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Serves the operator console (docs/console.md) at /console/ and sends / there. The folder is
 * looked up on each request, so building the console while leadflow runs needs no restart;
 * while it is missing every /console/ path answers 503 with how to build it.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  publicRoutes(app, 'the console is static files; it signs in through the API')
  const distDir = options.distDir ?? DEFAULT_CONSOLE_DIST
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'))
  await app.register(consoleFiles, { prefix: '/console', distDir })
}

async function consoleFiles(app: FastifyInstance, { distDir }: { distDir: string }): Promise<void> {
  const assets = join(distDir, 'assets') + sep
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.startsWith(assets) ? IMMUTABLE : 'no-cache')
    },
  })
  app.setNotFoundHandler((request, reply) => fallback(distDir, request, reply))
}

/** Unknown paths without a file extension are screens of the single-page app: answer index.html. */
function fallback(distDir: string, request: FastifyRequest, reply: FastifyReply) {
  if (!existsSync(join(distDir, 'index.html'))) {
    return reply.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT)
  }
  const path = request.url.split('?')[0]
  const last = path.slice(path.lastIndexOf('/') + 1)
  if ((request.method !== 'GET' && request.method !== 'HEAD') || last.includes('.')) {
    return reply.status(404).send({
      error: { code: 'LF_NOT_FOUND', message: `No console file ${path}`, details: null },
    })
  }
  return reply.header('cache-control', 'no-cache').sendFile('index.html')
}
