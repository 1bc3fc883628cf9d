// "Copy as curl" is built by the contract's pure builder, the same one `hookscope export --format
// curl` uses, so the app and the CLI hand out the same command.
export {
  buildCurl,
  CURL_BODY_FILE_THRESHOLD,
  type CurlOptions,
  type CurlRequest,
} from '../../../electron/contract/curl';
