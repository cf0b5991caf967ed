import webConfig from '../../../eslint.web.config.mjs';

export default [...webConfig];
