// Does nothing on purpose: see package.json.
module.exports = {
  activate() {},
  deactivate() {},
};
