// Runs the local S3 server (@20minutes/s3rver) in its own process: it checks SigV4 on presigned
// requests, and the bucket gets the app-origin-only CORS rules at start.
// Usage: node s3-server.cjs <dir> <port> <bucket> <cors.xml>
const fs = require('node:fs');
const S3rver = require('@20minutes/s3rver');

const [directory, port, bucket, corsFile] = process.argv.slice(2);
fs.mkdirSync(directory, { recursive: true });
new S3rver({
  directory,
  address: '127.0.0.1',
  port: Number(port),
  silent: true,
  vhostBuckets: false,
  configureBuckets: [{ name: bucket, configs: [fs.readFileSync(corsFile)] }],
})
  .run()
  .then(({ port: listening }) => console.info(`local S3 listening on ${listening}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
