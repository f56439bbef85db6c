/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The API URL is read at run time (PUBLIC_API_URL, API_URL), never baked into the build.
  poweredByHeader: false,
};

export default nextConfig;
